package dev.vigil.vuln;

import java.util.Locale;

/**
 * The {@code --fail-on} threshold: a run fails on an unsuppressed finding at or above it. {@code low} also fails on
 * findings of unknown severity (everything); {@code never} fails only on unreadable input.
 */
public enum FailOn {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW,
    NEVER;

    /** Parses {@code critical|high|medium|low|never}. */
    public static FailOn parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--fail-on: '" + s + "' is not one of critical, high, medium, low, never");
        }
    }

    /** Whether a finding of {@code severity} fails the run. */
    public boolean fails(Severity severity) {
        return switch (this) {
            case NEVER -> false;
            case LOW -> true;
            default -> severity != Severity.UNKNOWN && severity.ordinal() <= ordinal();
        };
    }
}
