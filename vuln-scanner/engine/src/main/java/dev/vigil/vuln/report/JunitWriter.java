package dev.vigil.vuln.report;

import dev.vigil.vuln.Finding;
import dev.vigil.vuln.PackageRef;
import dev.vigil.vuln.ScanResult;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JUnit XML: one test suite, one test case per scanned package; each unsuppressed finding is a failure of its
 * package's test case, a package with only suppressed findings is skipped, input problems are errors.
 */
final class JunitWriter {
    private JunitWriter() {}

    static void write(ScanResult r, Writer out) throws IOException {
        Map<String, PackageRef> cases = new LinkedHashMap<>();
        for (PackageRef p : r.packages()) {
            cases.putIfAbsent(key(p), p);
        }
        long failures = cases.keySet().stream()
                .filter(k -> r.findings().stream()
                        .anyMatch(f -> !f.suppressed() && key(f.pkg()).equals(k)))
                .count();
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.write("<testsuites>\n");
        out.write("  <testsuite name=\"vigil scan\" tests=\""
                + (cases.size() + r.problems().size()) + "\" failures=\"" + failures + "\" errors=\""
                + r.problems().size() + "\">\n");
        for (Map.Entry<String, PackageRef> c : cases.entrySet()) {
            PackageRef p = c.getValue();
            List<Finding> mine = r.findings().stream()
                    .filter(f -> key(f.pkg()).equals(c.getKey()))
                    .toList();
            out.write("    <testcase classname=\"" + esc(p.ecosystem()) + "\" name=\""
                    + esc(p.name() + "@" + p.version()) + " (" + esc(p.location()) + ")\"");
            List<Finding> open = mine.stream().filter(f -> !f.suppressed()).toList();
            if (open.isEmpty() && mine.isEmpty()) {
                out.write("/>\n");
                continue;
            }
            out.write(">\n");
            if (open.isEmpty()) {
                out.write("      <skipped message=\""
                        + esc("suppressed: " + mine.get(0).justification()) + "\"/>\n");
            }
            for (Finding f : open) {
                out.write("      <failure type=\"" + esc(f.severity().label()) + "\" message=\""
                        + esc(ScanReport.message(f)) + "\">" + esc(f.summary()) + "</failure>\n");
            }
            out.write("    </testcase>\n");
        }
        for (String p : r.problems()) {
            out.write("    <testcase classname=\"input\" name=\"" + esc(p) + "\">\n      <error message=\"" + esc(p)
                    + "\"/>\n    </testcase>\n");
        }
        out.write("  </testsuite>\n</testsuites>\n");
    }

    private static String key(PackageRef p) {
        return p.ecosystem() + "|" + p.name() + "|" + p.version() + "|" + p.location();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') {
                        b.append(' ');
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }
}
