package dev.vigil.vuln.report;

import dev.vigil.vuln.Finding;
import dev.vigil.vuln.ScanResult;
import dev.vigil.vuln.Severity;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;

/** The report formats of {@code vigil scan}: text, json, sarif and junit. */
public enum ScanReport {
    TEXT,
    JSON,
    SARIF,
    JUNIT;

    /** Parses {@code text|json|sarif|junit}. */
    public static ScanReport parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format: '" + s + "' is not one of text, json, sarif, junit");
        }
    }

    /**
     * Writes {@code result}.
     *
     * @param base the directory SARIF locations are made relative to
     * @param version the tool version shown in the report
     */
    public void write(ScanResult result, Path base, String version, Writer out) throws IOException {
        switch (this) {
            case TEXT -> TextWriter.write(result, out);
            case JSON -> JsonWriter.write(result, version, out);
            case SARIF -> SarifWriter.write(result, base, version, out);
            case JUNIT -> JunitWriter.write(result, out);
        }
        out.flush();
    }

    /** {@code log4j-core 2.14.1 is affected by CVE-2021-44228 (critical); fixed in 2.15.0.} */
    static String message(Finding f) {
        String fixed = f.fixed().isEmpty() ? "no fixed version is known" : "fixed in " + String.join(", ", f.fixed());
        String aliases = f.aliases().isEmpty() ? "" : " (" + String.join(", ", f.aliases()) + ")";
        return f.pkg().name() + " " + f.pkg().version() + " is affected by " + f.id() + aliases + ", severity "
                + f.severity().label() + "; " + fixed + ".";
    }

    static String summaryLine(ScanResult r) {
        StringBuilder b = new StringBuilder();
        b.append(r.packages().size()).append(" packages, ");
        long open = r.findings().stream().filter(f -> !f.suppressed()).count();
        b.append(open).append(open == 1 ? " vulnerability" : " vulnerabilities");
        StringBuilder sev = new StringBuilder();
        for (Severity s : Severity.values()) {
            if (r.count(s) > 0) {
                sev.append(sev.length() > 0 ? ", " : "")
                        .append(r.count(s))
                        .append(' ')
                        .append(s.label());
            }
        }
        if (sev.length() > 0) {
            b.append(" (").append(sev).append(')');
        }
        b.append(", ").append(r.suppressedCount()).append(" suppressed");
        if (!r.unidentified().isEmpty()) {
            b.append(", ").append(r.unidentified().size()).append(" unidentified");
        }
        if (!r.problems().isEmpty()) {
            b.append(", ").append(r.problems().size()).append(r.problems().size() == 1 ? " problem" : " problems");
        }
        return b.toString();
    }
}
