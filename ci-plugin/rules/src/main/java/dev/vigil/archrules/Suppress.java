package dev.vigil.archrules;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Suppresses one Vigil security rule on a class (and its nested classes and lambdas), a method, a constructor or
 * a field. The reason is required: it ends up in the reports, so reviewers see why the finding does not count.
 *
 * <pre>{@code
 * @Suppress(rule = "VIGIL-ARCH-002", reason = "MD5 is only a cache key here, not a security control")
 * final class ThumbnailCache { ... }
 * }</pre>
 *
 * <p>Class retention: the annotation is in the class files (where the rules look) but not at run time.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
@Repeatable(Suppress.List.class)
public @interface Suppress {
    /** The rule id, e.g. {@code VIGIL-ARCH-002}. */
    String rule();

    /** Why the finding does not count; shown in reports. */
    String reason();

    /** Container for several {@link Suppress} annotations on one element. */
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
    @interface List {
        Suppress[] value();
    }
}
