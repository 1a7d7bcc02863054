package dev.vigil.policy;

import java.util.List;

/**
 * The findings of one evaluation, sorted by file, line, column and rule, suppressed ones included (writers show
 * them as suppressed; they never count), and the Pod Security Standards level each workload of a namespace with
 * Pod Security labels was checked at, and why.
 *
 * @param pssChecks one per object with pod specs in a namespace of the input that carries Pod Security labels, in
 *     input order (objects elsewhere follow the configuration's profiles)
 * @param problems fields the rules could not read because of their shape ({@link Fields}), in input order: those
 *     fields were not checked, so front ends treat them as unreadable input
 */
public record Report(List<Finding> findings, List<PssCheck> pssChecks, List<FieldProblem> problems) {
    public Report {
        findings = List.copyOf(findings);
        pssChecks = List.copyOf(pssChecks);
        problems = List.copyOf(problems);
    }

    /** A report whose objects had every field in the shape the rules expect. */
    public Report(List<Finding> findings, List<PssCheck> pssChecks) {
        this(findings, pssChecks, List.of());
    }

    /** A report without per-object Pod Security levels. */
    public Report(List<Finding> findings) {
        this(findings, List.of());
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
