package dev.vigil.policy;

import java.util.Locale;

/** How serious a finding is. Ordered from most to least severe. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** The lower-case name users write in flags and config files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is at or above {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }
}
