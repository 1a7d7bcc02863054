package dev.vigil.archrules.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console view of findings: grouped by rule with counts and the rule's help link, at most {@code max} finding
 * lines, then one summary line saying how many and where the reports are.
 */
public final class Console {
    /**
     * One line to print.
     *
     * @param level {@code error}, {@code warning} or {@code info}: the Maven log level to use
     */
    public record Line(String level, String text) {}

    private Console() {}

    /**
     * The lines for {@code issues}.
     *
     * @param goal prefix of each rule line, e.g. {@code vigil:arch}; empty for none
     */
    public static List<Line> render(String goal, List<Issue> issues, int max, String summary) {
        Map<String, List<Issue>> byRule = new LinkedHashMap<>();
        for (Issue i : issues) {
            if (!i.suppressed()) {
                byRule.computeIfAbsent(i.ruleId(), k -> new ArrayList<>()).add(i);
            }
        }
        List<Line> out = new ArrayList<>();
        int shown = 0;
        int hidden = 0;
        for (List<Issue> group : byRule.values()) {
            Issue first = group.get(0);
            String level = worst(group);
            out.add(new Line(
                    level,
                    prefix(goal) + first.ruleId() + " (" + group.size() + ") " + first.ruleTitle() + " - "
                            + first.helpUri()));
            for (Issue i : group) {
                if (shown < max) {
                    out.add(new Line(level, "  " + i.location() + " " + i.subject() + ": " + i.message()));
                    shown++;
                } else {
                    hidden++;
                }
            }
        }
        if (hidden > 0) {
            out.add(new Line(
                    "warning", prefix(goal) + hidden + " more findings not shown (vigil.maxConsole=" + max + ")"));
        }
        out.add(new Line("info", summary));
        return out;
    }

    private static String prefix(String goal) {
        return goal.isEmpty() ? "" : goal + ": ";
    }

    private static String worst(List<Issue> group) {
        String worst = "info";
        for (Issue i : group) {
            if (i.level().equals("error")) {
                return "error";
            }
            if (i.level().equals("warning")) {
                worst = "warning";
            }
        }
        return worst;
    }

    /** {@code 3 findings (2 errors, 1 warning), 1 suppressed}. */
    public static String counts(List<Issue> issues) {
        long errors = count(issues, "error");
        long warnings = count(issues, "warning");
        long infos = count(issues, "info");
        long suppressed = issues.stream().filter(Issue::suppressed).count();
        long total = errors + warnings + infos;
        StringBuilder b = new StringBuilder();
        b.append(total).append(total == 1 ? " finding" : " findings");
        List<String> parts = new ArrayList<>();
        if (errors > 0) {
            parts.add(errors + (errors == 1 ? " error" : " errors"));
        }
        if (warnings > 0) {
            parts.add(warnings + (warnings == 1 ? " warning" : " warnings"));
        }
        if (infos > 0) {
            parts.add(infos + " info");
        }
        if (!parts.isEmpty()) {
            b.append(" (").append(String.join(", ", parts)).append(")");
        }
        if (suppressed > 0) {
            b.append(", ").append(suppressed).append(" suppressed");
        }
        return b.toString();
    }

    public static long count(List<Issue> issues, String level) {
        return issues.stream()
                .filter(i -> !i.suppressed() && i.level().equals(level))
                .count();
    }
}
