package dev.vigil.metrics;

import java.util.List;

/** Thrown when the configuration has problems; the message lists all of them, one per line. */
public final class InvalidMetricsConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    InvalidMetricsConfigException(List<String> problems) {
        super("invalid metrics configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in option order. */
    public List<String> problems() {
        return problems;
    }
}
