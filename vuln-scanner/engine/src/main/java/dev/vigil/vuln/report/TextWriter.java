package dev.vigil.vuln.report;

import dev.vigil.vuln.Finding;
import dev.vigil.vuln.ScanResult;
import java.io.IOException;
import java.io.Writer;

/** One line per finding (severity, id, package, fixed version, location), then unidentified archives and a summary. */
final class TextWriter {
    private TextWriter() {}

    static void write(ScanResult r, Writer out) throws IOException {
        for (Finding f : r.findings()) {
            out.write(String.format(
                    "%-8s %s %s %s%s%n    %s%s%n",
                    f.severity().label().toUpperCase(java.util.Locale.ROOT),
                    f.id(),
                    f.pkg().name(),
                    f.pkg().version(),
                    f.fixed().isEmpty() ? " (no fix known)" : " → " + String.join(", ", f.fixed()),
                    f.pkg().location(),
                    f.suppressed() ? "\n    suppressed: " + f.justification() : ""));
            if (!f.pkg().introducedThrough().isEmpty()) {
                out.write(
                        "    introduced through: " + String.join(" → ", f.pkg().introducedThrough()) + "\n");
            }
        }
        for (String u : r.unidentified()) {
            out.write("unidentified: " + u + "\n");
        }
        for (String p : r.problems()) {
            out.write("error: " + p + "\n");
        }
        for (String w : r.warnings()) {
            out.write("warning: " + w + "\n");
        }
        out.write(ScanReport.summaryLine(r) + "\n");
    }
}
