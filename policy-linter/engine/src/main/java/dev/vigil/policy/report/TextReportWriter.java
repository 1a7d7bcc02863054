package dev.vigil.policy.report;

import dev.vigil.policy.Finding;
import dev.vigil.policy.PssCheck;
import dev.vigil.policy.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The human format: findings grouped by file, each line starting with {@code file:line:col} (so terminals and
 * editors link it), then severity, rule id, message and object; one summary line at the end. Suppressed findings
 * are not listed, only counted. Colour (ANSI) only when asked for.
 */
public final class TextReportWriter implements ReportWriter {
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String BLUE = "\u001b[34m";
    private static final String GREEN = "\u001b[32m";

    private final boolean colour;

    /** @param colour ANSI colours (for terminals) */
    public TextReportWriter(boolean colour) {
        this.colour = colour;
    }

    @Override
    public void write(LintResult result, Writer out) throws IOException {
        String currentFile = null;
        List<Finding> findings = result.findings();
        String[] lines = new String[Math.min(BLOCK, findings.size())];
        for (int from = 0; from < findings.size(); from += BLOCK) {
            // the lines of a large report are formatted on every core, a block at a time, and written in order
            int start = from;
            int count = Math.min(BLOCK, findings.size() - from);
            if (count >= PARALLEL_FROM) {
                java.util.stream.IntStream.range(0, count)
                        .parallel()
                        .forEach(i -> lines[i] = lineOrNull(findings.get(start + i)));
            } else {
                for (int i = 0; i < count; i++) {
                    lines[i] = lineOrNull(findings.get(start + i));
                }
            }
            for (int i = 0; i < count; i++) {
                if (lines[i] == null) {
                    continue;
                }
                String file = findings.get(start + i).position().file();
                if (!file.equals(currentFile)) {
                    if (currentFile != null) {
                        out.write('\n');
                    }
                    out.write(paint(BOLD, file));
                    out.write('\n');
                    currentFile = file;
                }
                out.write(lines[i]);
                out.write('\n');
            }
        }
        if (currentFile != null) {
            out.write('\n');
        }
        writePssLevels(result.report().pssChecks(), out);
        out.write(summaryLine(result.summary(), colour));
        out.write('\n');
        out.flush();
    }

    /**
     * For inputs with Namespaces that carry Pod Security labels: at which level their workloads were checked and
     * why, one line per namespace and reason, e.g.
     * {@code   kube-system  privileged (latest)  2 objects  namespace kube-system: pod-security.kubernetes.io/enforce=privileged}.
     */
    private void writePssLevels(List<PssCheck> checks, Writer out) throws IOException {
        if (checks.isEmpty()) {
            return;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (PssCheck c : checks) {
            String key = c.resource().namespace() + "  " + c.level() + " (" + c.version() + ")\u0000" + c.reason();
            counts.merge(key, 1, Integer::sum);
        }
        out.write(paint(BOLD, "Pod Security Standards levels of namespaces with Pod Security labels"));
        out.write('\n');
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            String[] parts = e.getKey().split("\u0000", 2);
            out.write("  " + parts[0] + "  " + plural(e.getValue(), "object") + "  " + paint(DIM, parts[1]));
            out.write('\n');
        }
        out.write('\n');
    }

    /** Findings formatted per block (bounds the memory the formatted lines take). */
    private static final int BLOCK = 8192;

    /** Blocks at least this large are formatted in parallel. */
    private static final int PARALLEL_FROM = 1024;

    private String lineOrNull(Finding f) {
        return f.suppressed() ? null : line(f);
    }

    private String line(Finding f) {
        String severity = padded(f.severity().id(), 7);
        return "  " + f.position() + "  " + paint(severityColour(f.severity()), severity) + "  "
                + paint(BOLD, f.ruleId()) + "  " + f.message() + "  "
                + paint(DIM, "(" + f.resource().displayName() + note(f) + ")");
    }

    /** {@code text} left-aligned in {@code width} characters, as {@code %-7s} (without a Formatter per finding). */
    private static String padded(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** Where a rendered template's field could only be placed approximately, say so. */
    private static String note(Finding f) {
        String note = f.resource().positionNote(f.path());
        return note == null ? "" : "; " + note;
    }

    /**
     * The one summary line, e.g. {@code 3 errors, 1 warning, 0 infos (2 suppressed) in 4 objects from 2 files;
     * 1 skipped, 1 unreadable}.
     */
    public static String summaryLine(LintResult.Summary s, boolean colour) {
        StringBuilder b = new StringBuilder();
        b.append(plural(s.errors(), "error"))
                .append(", ")
                .append(plural(s.warnings(), "warning"))
                .append(", ")
                .append(plural(s.infos(), "info"));
        if (s.suppressed() > 0) {
            b.append(" (").append(s.suppressed()).append(" suppressed)");
        }
        b.append(" in ").append(plural(s.objects(), "object")).append(" from ").append(plural(s.files(), "file"));
        if (s.skipped() > 0 || s.unreadable() > 0) {
            b.append("; ").append(s.skipped()).append(" skipped");
            if (s.unreadable() > 0) {
                b.append(", ").append(s.unreadable()).append(" unreadable");
            }
        }
        if (s.notReferenced() > 0) {
            b.append("; ")
                    .append(plural(s.notReferenced(), "file"))
                    .append(" not referenced by the kustomization (not linted; --kustomize=off lints every file)");
        }
        String text = b.toString();
        if (!colour) {
            return text;
        }
        String c = s.errors() > 0 || s.unreadable() > 0 ? RED : s.warnings() > 0 ? YELLOW : GREEN;
        return c + BOLD + text + RESET;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String severityColour(Severity s) {
        return switch (s) {
            case ERROR -> RED;
            case WARNING -> YELLOW;
            case INFO -> BLUE;
        };
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }
}
