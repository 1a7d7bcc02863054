package dev.vigil.archrules.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One self-contained HTML file (inline CSS, no scripts, no external resources) listing findings by rule. */
public final class HtmlReport {
    private static final String CSS = "body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1b1f24}"
            + "h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}table{border-collapse:collapse;width:100%}"
            + "td,th{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}"
            + ".error{color:#b42318}.warning{color:#9a6700}.info{color:#0969da}.suppressed td{color:#6e7781}"
            + "code{font:12px ui-monospace,monospace}.summary{font-weight:600}ol.path{margin:4px 0;padding-left:1.4em}";

    private HtmlReport() {}

    public static String render(String title, String summary, List<Issue> issues, Map<String, String> ruleHelp) {
        StringBuilder b = new StringBuilder(4096 + issues.size() * 256);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title))
                .append("</title><style>")
                .append(CSS)
                .append("</style></head><body>\n<h1>")
                .append(esc(title))
                .append("</h1>\n<p class=\"summary\">")
                .append(esc(summary))
                .append("</p>\n");
        Map<String, List<Issue>> byRule = new LinkedHashMap<>();
        for (Issue i : issues) {
            byRule.computeIfAbsent(i.ruleId(), k -> new ArrayList<>()).add(i);
        }
        if (byRule.isEmpty()) {
            b.append("<p>No findings.</p>\n");
        }
        for (Map.Entry<String, List<Issue>> e : byRule.entrySet()) {
            Issue first = e.getValue().get(0);
            long counted = e.getValue().stream().filter(i -> !i.suppressed()).count();
            b.append("<h2 id=\"")
                    .append(esc(e.getKey()))
                    .append("\"><span class=\"")
                    .append(esc(first.level()))
                    .append("\">")
                    .append(esc(e.getKey()))
                    .append("</span> ")
                    .append(esc(first.ruleTitle()))
                    .append(" (")
                    .append(counted)
                    .append(")</h2>\n");
            String help = ruleHelp.get(e.getKey());
            if (help != null) {
                b.append("<p>").append(esc(help)).append(" <a href=\"").append(esc(first.helpUri()));
                b.append("\">More</a></p>\n");
            }
            b.append("<table><tr><th>Level</th><th>Location</th><th>Subject</th><th>Message</th></tr>\n");
            for (Issue i : e.getValue()) {
                b.append(i.suppressed() ? "<tr class=\"suppressed\">" : "<tr>")
                        .append("<td class=\"")
                        .append(esc(i.level()))
                        .append("\">")
                        .append(i.suppressed() ? "suppressed" : esc(i.level()))
                        .append("</td><td><code>")
                        .append(esc(i.location()))
                        .append("</code></td><td><code>")
                        .append(esc(i.subject()))
                        .append("</code></td><td>")
                        .append(esc(i.message()));
                if (!i.path().isEmpty()) {
                    b.append("<ol class=\"path\">");
                    for (Issue.PathStep step : i.path()) {
                        b.append("<li><code>")
                                .append(esc(step.file() + ":" + step.line()))
                                .append("</code> ")
                                .append(esc(step.message()))
                                .append("</li>");
                    }
                    b.append("</ol>");
                }
                if (i.suppressed()) {
                    b.append("<br><em>").append(esc(i.suppression())).append("</em>");
                }
                b.append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
