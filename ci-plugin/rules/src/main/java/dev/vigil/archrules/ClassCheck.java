package dev.vigil.archrules;

import com.tngtech.archunit.core.domain.JavaClass;

/** Looks at one class and reports what it finds to a {@link Findings} sink. */
@FunctionalInterface
interface ClassCheck {
    void check(JavaClass javaClass, Findings findings);
}
