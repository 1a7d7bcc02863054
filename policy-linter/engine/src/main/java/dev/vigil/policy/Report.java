package dev.vigil.policy;

import java.util.List;

/**
 * The findings of one evaluation, sorted by file, line, column and rule, suppressed ones included (writers show
 * them as suppressed; they never count).
 */
public record Report(List<Finding> findings) {
    public Report {
        findings = List.copyOf(findings);
    }

    /** Unsuppressed findings of exactly {@code severity}. */
    public long count(Severity severity) {
        return findings.stream()
                .filter(f -> !f.suppressed() && f.severity() == severity)
                .count();
    }

    public long suppressedCount() {
        return findings.stream().filter(Finding::suppressed).count();
    }

    /** True when an unsuppressed finding is at or above {@code threshold}. */
    public boolean hasFindingsAtLeast(Severity threshold) {
        return findings.stream().anyMatch(f -> !f.suppressed() && f.severity().atLeast(threshold));
    }
}
