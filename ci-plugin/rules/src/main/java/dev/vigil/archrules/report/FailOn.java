package dev.vigil.archrules.report;

import java.util.Locale;

/**
 * The lowest level of finding that fails the build ({@code vigil.failOn}) or the run ({@code vigil code
 * --fail-on}): {@code error} (the default of both), {@code warning}, {@code info} or {@code never}.
 */
public enum FailOn {
    ERROR,
    WARNING,
    INFO,
    NEVER;

    public static FailOn parse(String value) throws IllegalArgumentException {
        return parse("vigil.failOn", value);
    }

    /**
     * Parses {@code value} (any case).
     *
     * @param key the option or parameter named in the message, e.g. {@code --fail-on}
     * @throws IllegalArgumentException {@code KEY was 'VALUE' but it must be one of error, warning, info, never}
     */
    public static FailOn parse(String key, String value) throws IllegalArgumentException {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    key + " was '" + value + "' but it must be one of error, warning, info, never");
        }
    }

    /** True when an unsuppressed finding of {@code level} fails. */
    public boolean fails(String level) {
        return switch (this) {
            case NEVER -> false;
            case INFO -> true;
            case WARNING -> level.equals("error") || level.equals("warning");
            case ERROR -> level.equals("error");
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
