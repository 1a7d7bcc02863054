package dev.vigil.maven;

import java.util.Locale;

/** The lowest level of finding that fails the build ({@code vigil.failOn}). */
enum FailOn {
    ERROR,
    WARNING,
    INFO,
    NEVER;

    static FailOn parse(String value) throws IllegalArgumentException {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "vigil.failOn was '" + value + "' but it must be one of error, warning, info, never");
        }
    }

    /** True when an unsuppressed finding of {@code level} fails the build. */
    boolean fails(String level) {
        return switch (this) {
            case NEVER -> false;
            case INFO -> true;
            case WARNING -> level.equals("error") || level.equals("warning");
            case ERROR -> level.equals("error");
        };
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
