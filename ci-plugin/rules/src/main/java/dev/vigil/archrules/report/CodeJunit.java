package dev.vigil.archrules.report;

import dev.vigil.archrules.SecurityRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JUnit XML for {@code vigil:arch}: one test case per rule, failing with its unsuppressed findings. */
public final class CodeJunit {
    private CodeJunit() {}

    public static String render(List<SecurityRule> rules, List<Issue> issues, double seconds) {
        Map<String, List<Issue>> byRule = new LinkedHashMap<>();
        for (SecurityRule r : rules) {
            byRule.put(r.id(), new ArrayList<>());
        }
        for (Issue i : issues) {
            if (!i.suppressed()) {
                byRule.computeIfAbsent(i.ruleId(), k -> new ArrayList<>()).add(i);
            }
        }
        long failures = byRule.values().stream().filter(l -> !l.isEmpty()).count();
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<testsuite name=\"vigil-arch\" tests=\"")
                .append(rules.size())
                .append("\" failures=\"")
                .append(failures)
                .append("\" errors=\"0\" skipped=\"0\" time=\"")
                .append(String.format(java.util.Locale.ROOT, "%.3f", seconds))
                .append("\">\n");
        for (SecurityRule r : rules) {
            List<Issue> found = byRule.get(r.id());
            b.append("  <testcase classname=\"vigil.arch\" name=\"")
                    .append(xml(r.id() + " " + r.name()))
                    .append("\" time=\"0\"");
            if (found.isEmpty()) {
                b.append("/>\n");
                continue;
            }
            b.append(">\n    <failure type=\"")
                    .append(xml(r.cweId()))
                    .append("\" message=\"")
                    .append(xml(found.size() + " finding(s): " + r.title()
                            + (r.owaspTop10().isEmpty() ? "" : " (OWASP " + r.owaspTop10() + ")")))
                    .append("\">");
            StringBuilder text = new StringBuilder();
            for (Issue i : found) {
                text.append(i.location())
                        .append(' ')
                        .append(i.subject())
                        .append(": ")
                        .append(i.message())
                        .append('\n');
                for (Issue.PathStep step : i.path()) {
                    text.append("    ")
                            .append(step.file())
                            .append(':')
                            .append(step.line())
                            .append(' ')
                            .append(step.message())
                            .append('\n');
                }
            }
            text.append("Fix: ").append(r.remediation()).append(" See ").append(r.helpUri());
            b.append(xml(text.toString())).append("</failure>\n  </testcase>\n");
        }
        b.append("</testsuite>\n");
        return b.toString();
    }

    public static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
