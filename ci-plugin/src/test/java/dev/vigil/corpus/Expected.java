package dev.vigil.corpus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The verdict a labelled corpus case expects: its weakness class and whether it is vulnerable. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Expected {
    /** The weakness class, e.g. {@code sqli}. */
    String category();

    /** Its CWE, e.g. 89. */
    int cwe();

    /** True for a real vulnerability, false for a safe look-alike. */
    boolean vulnerable();
}
