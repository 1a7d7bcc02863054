package dev.vigil.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.archrules.report.Console;
import dev.vigil.archrules.report.FailOn;
import dev.vigil.archrules.report.HtmlReport;
import dev.vigil.archrules.report.Issue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Findings grouped by rule with counts and help links, capped, then one summary line. */
class ConsoleTest {
    static Issue issue(String rule, String level, int line) {
        return new Issue(
                rule,
                "Title of " + rule,
                level,
                "message " + line,
                "k8s/a.yaml",
                line,
                3,
                "Pod/web",
                "fp" + line,
                null,
                "https://docs.example/" + rule);
    }

    @Test
    void groupsByRuleCapsAndEndsWithTheSummary() {
        List<Issue> issues = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            issues.add(issue("rule-a", "error", i));
        }
        issues.add(issue("rule-b", "warning", 10));
        issues.add(issue("rule-b", "warning", 11).suppress("baselined: ok"));
        List<Console.Line> lines = Console.render("vigil:lint", issues, 2, "SUMMARY");
        assertThat(lines)
                .extracting(Console.Line::level, Console.Line::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "error", "vigil:lint: rule-a (3) Title of rule-a - https://docs.example/rule-a"),
                        org.assertj.core.groups.Tuple.tuple("error", "  k8s/a.yaml:1:3 Pod/web: message 1"),
                        org.assertj.core.groups.Tuple.tuple("error", "  k8s/a.yaml:2:3 Pod/web: message 2"),
                        org.assertj.core.groups.Tuple.tuple(
                                "warning", "vigil:lint: rule-b (1) Title of rule-b - https://docs.example/rule-b"),
                        org.assertj.core.groups.Tuple.tuple(
                                "warning", "vigil:lint: 2 more findings not shown (vigil.maxConsole=2)"),
                        org.assertj.core.groups.Tuple.tuple("info", "SUMMARY"));
        assertThat(Console.counts(issues)).isEqualTo("4 findings (3 errors, 1 warning), 1 suppressed");
        assertThat(Console.counts(List.of())).isEqualTo("0 findings");
    }

    @Test
    void unreadableManifestsFailUnlessFailOnIsNever() {
        var problems =
                List.of(new dev.vigil.policy.load.LoadProblem("k8s/a.yaml", 3, 5, "mapping values are not allowed"));
        assertThat(LintStep.failure(List.of(), problems, FailOn.ERROR, "target/vigil/lint.sarif"))
                .isEqualTo("vigil:lint: 1 unreadable manifest(s) (see target/vigil/lint.sarif)");
        assertThat(LintStep.failure(
                        List.of(issue("rule-a", "warning", 1)), problems, FailOn.WARNING, "target/vigil/lint.sarif"))
                .isEqualTo("vigil:lint: 1 manifest finding(s) at or above failOn=warning and 1 unreadable manifest(s)"
                        + " (see target/vigil/lint.sarif)");
        assertThat(LintStep.failure(List.of(), problems, FailOn.NEVER, "x")).isNull();
    }

    @Test
    void htmlReportEscapesEverythingAndLoadsNothing() {
        Issue evil = new Issue(
                "r",
                "<b>t</b>",
                "error",
                "<script>alert(1)</script>",
                "k8s/\"a\".yaml",
                1,
                1,
                "Pod/<x>",
                "fp",
                null,
                "https://docs.example/r");
        String html = HtmlReport.render("T & <T>", "1 finding", List.of(evil), java.util.Map.of("r", "help <i>"));
        assertThat(html).doesNotContain("<script>", "<b>t", "<i>", "src=", "<link");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "T &amp; &lt;T&gt;");
    }

    @Test
    void failOnThresholds() {
        assertThat(FailOn.parse("warning").fails("error")).isTrue();
        assertThat(FailOn.parse("warning").fails("info")).isFalse();
        assertThat(FailOn.parse("error").fails("warning")).isFalse();
        assertThat(FailOn.parse("never").fails("error")).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FailOn.parse("loud"))
                .hasMessage("vigil.failOn was 'loud' but it must be one of error, warning, info, never");
    }
}
