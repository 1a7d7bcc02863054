package dev.vigil.archrules.report;

/**
 * A finding of either goal as the console, the HTML report and the baseline see it.
 *
 * @param ruleId {@code pss-privileged} or {@code VIGIL-ARCH-002}
 * @param ruleTitle the rule's one-line title
 * @param level {@code error}, {@code warning} or {@code info}
 * @param message what is wrong
 * @param file repository-relative path with forward slashes
 * @param line 1-based, 0 when unknown
 * @param column 1-based, 0 when unknown
 * @param subject the object or code element, e.g. {@code Deployment/web} or {@code com.example.Foo.md5}
 * @param fingerprint semantic fingerprint: the same finding keeps it when lines shift
 * @param suppression why the finding does not count, or null
 * @param helpUri the rule's documentation
 * @param path for data-flow findings: source, propagation steps and sink; empty otherwise
 */
public record Issue(
        String ruleId,
        String ruleTitle,
        String level,
        String message,
        String file,
        int line,
        int column,
        String subject,
        String fingerprint,
        String suppression,
        String helpUri,
        java.util.List<PathStep> path) {

    /** One location on a data-flow path: repository-relative file, 1-based line (0 when unknown), what happens. */
    public record PathStep(String file, int line, String message) {}

    public Issue {
        path = path == null ? java.util.List.of() : java.util.List.copyOf(path);
    }

    /** A finding without a data-flow path (manifest findings, non-flow rules). */
    public Issue(
            String ruleId,
            String ruleTitle,
            String level,
            String message,
            String file,
            int line,
            int column,
            String subject,
            String fingerprint,
            String suppression,
            String helpUri) {
        this(ruleId, ruleTitle, level, message, file, line, column, subject, fingerprint, suppression, helpUri, null);
    }

    public boolean suppressed() {
        return suppression != null;
    }

    /** {@code file:line:col}, {@code file:line} or {@code file}. */
    public String location() {
        if (line <= 0) {
            return file;
        }
        return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
    }

    public Issue suppress(String reason) {
        return new Issue(
                ruleId, ruleTitle, level, message, file, line, column, subject, fingerprint, reason, helpUri, path);
    }
}
