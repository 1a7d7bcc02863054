package dev.vigil.archrules.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.archrules.SecurityRule;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's findings, ready to render in every {@link CodeFormat} with the shared writers ({@link CodeSarif},
 * {@link CodeJson}, {@link CodeJunit}, {@link HtmlReport}, {@link Console}).
 *
 * @param toolVersion Vigil's version, for SARIF and JSON
 * @param root the repository root: SARIF's {@code %SRCROOT%}, what issue files are relative to
 * @param title the HTML report's title
 * @param rules the rules that ran
 * @param issues the findings, suppressed ones included
 * @param seconds how long the check took, for JUnit
 */
public record CodeReport(
        String toolVersion, Path root, String title, List<SecurityRule> rules, List<Issue> issues, double seconds) {

    public CodeReport {
        rules = List.copyOf(rules);
        issues = List.copyOf(issues);
    }

    /** {@code 3 findings (2 errors, 1 warning), 1 suppressed from 28 rules}. */
    public String summary() {
        return Console.counts(issues) + " from " + rules.size() + " rules";
    }

    /** The report in {@code format}, ending with a newline. */
    public String render(CodeFormat format) {
        return switch (format) {
            case TEXT -> text();
            case JSON -> json(() -> CodeJson.render(toolVersion, rules, issues));
            case SARIF -> json(() -> CodeSarif.render(toolVersion, root, rules, issues));
            case JUNIT -> CodeJunit.render(rules, issues, seconds);
            case HTML -> {
                Map<String, String> help = new LinkedHashMap<>();
                rules.forEach(r -> help.put(r.id(), r.helpText()));
                yield HtmlReport.render(title, summary(), issues, help);
            }
        };
    }

    private String text() {
        StringBuilder b = new StringBuilder();
        for (Console.Line line : Console.render("", issues, Integer.MAX_VALUE, summary())) {
            b.append(line.text()).append('\n');
        }
        return b.toString();
    }

    private interface JsonText {
        String get() throws JsonProcessingException;
    }

    private static String json(JsonText text) {
        try {
            return text.get();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
