package dev.vigil.vuln;

import java.util.List;

/**
 * Everything one scan produced.
 *
 * @param findings every finding, suppressed ones included, sorted by severity, id and package
 * @param packages every identified package
 * @param unidentified archives nothing identified
 * @param problems unreadable inputs and bad configuration, one line each; any makes the run exit 2
 * @param warnings expired suppressions and other notices, one line each
 */
public record ScanResult(
        List<Finding> findings,
        List<PackageRef> packages,
        List<String> unidentified,
        List<String> problems,
        List<String> warnings) {

    public ScanResult {
        findings = List.copyOf(findings);
        packages = List.copyOf(packages);
        unidentified = List.copyOf(unidentified);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** The exit code: 2 on any problem, 1 on an unsuppressed finding {@code failOn} counts, else 0. */
    public int exitCode(FailOn failOn) {
        if (!problems.isEmpty()) {
            return ExitCode.ERROR;
        }
        return findings.stream().anyMatch(f -> !f.suppressed() && failOn.fails(f.severity()))
                ? ExitCode.FINDINGS
                : ExitCode.OK;
    }

    /** Unsuppressed findings per severity. */
    public long count(Severity s) {
        return findings.stream()
                .filter(f -> !f.suppressed() && f.severity() == s)
                .count();
    }

    /** Suppressed findings. */
    public long suppressedCount() {
        return findings.stream().filter(Finding::suppressed).count();
    }
}
