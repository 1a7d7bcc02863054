package dev.vigil.archrules;

import java.util.Locale;

/** Default level of a rule's findings: deterministic rules are errors, heuristics warnings. */
public enum Level {
    ERROR,
    WARNING;

    /** {@code error} or {@code warning}, as in SARIF and in {@code failOn}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
