package dev.vigil.policy.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.Report;
import dev.vigil.policy.Rule;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.RuleMetadata;
import dev.vigil.policy.Severity;
import dev.vigil.policy.load.LoadProblem;
import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportWritersTest {
    static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      image: registry.example/app:1.0
                      securityContext:
                        privileged: true
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: debug
              annotations:
                ignore.vigil.dev/test-privileged: "break-glass pod, approved in TICKET-1"
            spec:
              containers:
                - name: shell
                  image: registry.example/shell:1.0
                  securityContext: {privileged: true}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            """;

    /** A rule of the test's own, so the expected output does not change when the catalogue grows. */
    static final class TestPrivileged implements Rule {
        static final RuleMetadata META = new RuleMetadata(
                "test-privileged",
                "Containers must not be privileged",
                Severity.ERROR,
                "pod-security",
                Set.of("pss-baseline"),
                "Privileged containers can do anything the host can",
                "Remove securityContext.privileged or set it to false.",
                "**Allowed values**: undefined, `false`.",
                List.of("https://kubernetes.io/docs/concepts/security/pod-security-standards/"));

        @Override
        public RuleMetadata metadata() {
            return META;
        }

        @Override
        public void checkPod(PodSpec pod, RuleContext ctx) {
            for (PodSpec.Container c : pod.allContainers()) {
                if (c.json().path("securityContext").path("privileged").asBoolean(false)) {
                    ctx.report(c, "securityContext.privileged", "container \"" + c.name() + "\" is privileged");
                }
            }
        }
    }

    static LintResult lint(String text, String file, Path base, List<LoadProblem> extraProblems) {
        LoadResult load = new ManifestLoader().loadText(text, file);
        PolicyEngine engine = PolicyEngine.create(PolicyConfig.defaults(), List.of(new TestPrivileged()));
        Report report = engine.evaluate(load.resources());
        List<LoadProblem> problems = new ArrayList<>(load.problems());
        problems.addAll(extraProblems);
        LoadResult withProblems = new LoadResult(load.resources(), load.files(), load.skipped(), problems);
        return LintResult.of("1.2.3", base, withProblems, engine, report);
    }

    static LintResult sample() {
        return lint(MANIFESTS, "deploy/app.yaml", Path.of("").toAbsolutePath(), List.of());
    }

    static String render(ReportFormat format, LintResult result) throws IOException {
        StringWriter out = new StringWriter();
        format.writer().write(result, out);
        return out.toString();
    }

    @Test
    void textIsGroupedByFileWithPositionsAndOneSummaryLine() throws IOException {
        assertThat(render(ReportFormat.TEXT, sample())).isEqualTo("""
                        deploy/app.yaml
                          deploy/app.yaml:13:13  error    test-privileged  container "app" is privileged  (Deployment/shop/web)

                        1 error, 0 warnings, 0 infos (1 suppressed) in 3 objects from 1 file
                        """);
    }

    @Test
    void textOfALargeReportKeepsTheFindingsOrderAcrossFormattingBlocks() throws IOException {
        // more findings than one formatting block (8192), in two files, every seventh one suppressed
        List<dev.vigil.policy.Resource> resources = new ArrayList<>();
        for (String file : List.of("a.yaml", "b.yaml")) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 5000; i++) {
                text.append("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p")
                        .append(i)
                        .append('\n');
                if (i % 7 == 0) {
                    text.append("  annotations: {ignore.vigil.dev/test-privileged: approved}\n");
                }
                text.append("spec:\n  containers: [{name: c, securityContext: {privileged: true}}]\n---\n");
            }
            resources.addAll(
                    new ManifestLoader().loadText(text.toString(), file).resources());
        }
        PolicyEngine engine = PolicyEngine.create(PolicyConfig.defaults(), List.of(new TestPrivileged()));
        Report report = engine.evaluate(resources);
        LintResult result = LintResult.of(
                "1.2.3", Path.of("").toAbsolutePath(), new LoadResult(resources, 2, 0, List.of()), engine, report);
        List<dev.vigil.policy.Finding> shown =
                result.findings().stream().filter(f -> !f.suppressed()).toList();
        assertThat(shown).hasSizeGreaterThan(8192);

        List<String> lines = render(ReportFormat.TEXT, result).lines().toList();
        List<String> findingLines =
                lines.stream().filter(l -> l.startsWith("  ")).toList();
        assertThat(findingLines).hasSize(shown.size());
        for (int i = 0; i < shown.size(); i++) {
            dev.vigil.policy.Finding f = shown.get(i);
            assertThat(findingLines.get(i))
                    .startsWith("  " + f.position() + "  error    test-privileged")
                    .endsWith("(" + f.resource().displayName() + ")");
        }
        assertThat(lines)
                .containsSubsequence("a.yaml", "", "b.yaml")
                .doesNotContain("  a.yaml")
                .hasSize(shown.size() + 5);
    }

    @Test
    void textColoursOnlyWhenAsked() throws IOException {
        StringWriter out = new StringWriter();
        ReportFormat.TEXT.writer(true).write(sample(), out);
        assertThat(out.toString()).contains("\u001b[31merror").endsWith("\u001b[0m\n");
        assertThat(render(ReportFormat.TEXT, sample())).doesNotContain("\u001b");
    }

    @Test
    void jsonHasTheDocumentedShape() throws IOException {
        JsonNode json = new ObjectMapper().readTree(render(ReportFormat.JSON, sample()));
        assertThat(json.get("version").asText()).isEqualTo("1.2.3");
        assertThat(json.get("findings")).hasSize(2);
        JsonNode f = json.get("findings").get(0);
        assertThat(f.toString())
                .isEqualTo("{\"ruleId\":\"test-privileged\",\"severity\":\"error\",\"message\":\"container \\\"app\\\""
                        + " is privileged\",\"file\":\"deploy/app.yaml\",\"line\":13,\"column\":13,\"object\":"
                        + "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"namespace\":\"shop\",\"name\":\"web\"},"
                        + "\"path\":\"spec.template.spec.containers[0].securityContext.privileged\",\"remediation\":"
                        + "\"Remove securityContext.privileged or set it to false.\",\"suppressed\":false,"
                        + "\"justification\":null,\"pss\":{\"level\":\"baseline\",\"version\":\"latest\","
                        + "\"reason\":\"profile recommended\"}}");
        JsonNode suppressed = json.get("findings").get(1);
        assertThat(suppressed.get("suppressed").asBoolean()).isTrue();
        assertThat(suppressed.get("justification").asText()).isEqualTo("break-glass pod, approved in TICKET-1");
        assertThat(json.get("summary").toString())
                .isEqualTo("{\"files\":1,\"objects\":3,\"skipped\":0,\"errors\":1,\"warnings\":0,\"infos\":0,"
                        + "\"suppressed\":1}");
        assertThat(json.get("pssLevels").isArray()).isTrue();
        assertThat(json.get("pssLevels")).isEmpty(); // no Namespace with Pod Security labels in the input
    }

    @Test
    void jsonIsStreamedAsTheTreeWouldBeWritten() throws IOException {
        // the writer streams the report; toJson builds the same report as a tree for embedders: same text
        String text = MANIFESTS + """
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                  labels: {pod-security.kubernetes.io/enforce: baseline}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: quiet
                  namespace: shop
                  annotations: {ignore.vigil.dev/cpu-limits: "limits set by the namespace's quota"}
                spec:
                  containers: [{name: app, image: "registry.example/app:1.0"}]
                """;
        LoadResult load = new ManifestLoader().loadText(text, "deploy/app.yaml");
        PolicyEngine engine = PolicyEngine.create(PolicyConfig.defaults());
        Report report = engine.evaluate(load.resources());
        List<LoadProblem> problems = List.of(new LoadProblem("deploy/bad.yaml", 3, 7, "a \"quoted\" problem\tç"));
        LoadResult withProblems = new LoadResult(load.resources(), 2, 1, problems, 4);
        LintResult result = LintResult.of("1.2.3", Path.of("").toAbsolutePath(), withProblems, engine, report);
        assertThat(result.report().pssChecks()).isNotEmpty();
        assertThat(result.findings()).anyMatch(f -> f.pss() != null).anyMatch(f -> f.suppressed());

        String streamed = render(ReportFormat.JSON, result);
        String tree = JsonReportWriter.MAPPER.writeValueAsString(new JsonReportWriter().toJson(result)) + "\n";
        assertThat(streamed).isEqualTo(tree).contains("\"notReferenced\" : 4", "\"pssLevels\" : [ {");
    }

    @Test
    void sarifHasRulesResultsRelativeUrisFingerprintsAndSuppressions() throws IOException {
        Path base = Path.of("").toAbsolutePath();
        LintResult result = lint(MANIFESTS, base.resolve("deploy/app.yaml").toString(), base, List.of());
        JsonNode run = new ObjectMapper()
                .readTree(render(ReportFormat.SARIF, result))
                .get("runs")
                .get(0);
        JsonNode driver = run.get("tool").get("driver");
        assertThat(driver.get("name").asText()).isEqualTo("Vigil");
        assertThat(driver.get("version").asText()).isEqualTo("1.2.3");
        JsonNode rule = driver.get("rules").get(0);
        assertThat(rule.get("id").asText()).isEqualTo("test-privileged");
        assertThat(rule.get("name").asText()).isEqualTo("TestPrivileged");
        assertThat(rule.get("fullDescription").get("text").asText())
                .isEqualTo("Privileged containers can do anything the host can.");
        assertThat(rule.get("help").get("markdown").asText()).contains("**Remediation:** Remove");
        assertThat(rule.get("properties").get("security-severity").asText()).isEqualTo("8.0");
        assertThat(rule.get("properties").get("tags").toString())
                .isEqualTo("[\"security\",\"pod-security\",\"pss-baseline\"]");
        JsonNode first = run.get("results").get(0);
        assertThat(first.get("level").asText()).isEqualTo("error");
        JsonNode physical = first.get("locations").get(0).get("physicalLocation");
        assertThat(physical.get("artifactLocation").get("uri").asText()).isEqualTo("deploy/app.yaml");
        assertThat(physical.get("artifactLocation").get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(physical.get("region").toString()).isEqualTo("{\"startLine\":13,\"startColumn\":13}");
        JsonNode second = run.get("results").get(1);
        assertThat(second.get("suppressions").get(0).toString())
                .isEqualTo("{\"kind\":\"inSource\",\"status\":\"accepted\",\"justification\":"
                        + "\"break-glass pod, approved in TICKET-1\"}");

        // the same finding two lines further down keeps its fingerprint
        LintResult shifted = lint(
                "# moved\n# down\n" + MANIFESTS, base.resolve("deploy/app.yaml").toString(), base, List.of());
        JsonNode moved = new ObjectMapper()
                .readTree(render(ReportFormat.SARIF, shifted))
                .get("runs")
                .get(0)
                .get("results")
                .get(0);
        assertThat(moved.get("locations")
                        .get(0)
                        .get("physicalLocation")
                        .get("region")
                        .get("startLine")
                        .asInt())
                .isEqualTo(15);
        assertThat(moved.get("partialFingerprints")).isEqualTo(first.get("partialFingerprints"));
    }

    @Test
    void sarifReportsUnreadableInputsAsNotifications() throws IOException {
        LintResult result = lint(
                MANIFESTS,
                "deploy/app.yaml",
                Path.of("").toAbsolutePath(),
                List.of(new LoadProblem("chart/x.yaml", 4, 9, "unrendered Helm template")));
        JsonNode invocation = new ObjectMapper()
                .readTree(render(ReportFormat.SARIF, result))
                .get("runs")
                .get(0)
                .get("invocations")
                .get(0);
        assertThat(invocation.get("executionSuccessful").asBoolean()).isFalse();
        assertThat(invocation
                        .get("toolExecutionNotifications")
                        .get(0)
                        .get("message")
                        .get("text")
                        .asText())
                .isEqualTo("unrendered Helm template.");
    }

    @Test
    void junitHasOneTestCasePerObjectAndProfile() throws Exception {
        String xml = render(ReportFormat.JUNIT, sample());
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(1);
        Element suite = (Element) suites.item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("pss-baseline");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("Deployment/shop/web");
        assertThat(cases.item(0).getTextContent().strip())
                .isEqualTo("deploy/app.yaml:13:13: error test-privileged: container \"app\" is privileged "
                        + "(spec.template.spec.containers[0].securityContext.privileged) Remove "
                        + "securityContext.privileged or set it to false.");
        // the suppressed finding does not fail its test case
        assertThat(((Element) cases.item(1)).getElementsByTagName("failure").getLength())
                .isZero();
    }

    @Test
    void markdownTableLinksEveryRuleToItsDocs() {
        assertThat(RuleDocs.markdownTable(List.of(TestPrivileged.META))).isEqualTo("""
                        | Rule | Severity | Profiles | Category | What it checks |
                        |------|----------|----------|----------|----------------|
                        | [`test-privileged`](../docs/rules.md#test-privileged) | error | pss-baseline | pod-security \
                        | Containers must not be privileged |
                        """);
    }

    @Test
    void explainShowsMetadataDocsAndTheFailingExample() {
        String text =
                RuleDocs.explain(TestPrivileged.META, List.of(new RuleExamples.Example("bad.yaml", "kind: Pod\n")));
        assertThat(text)
                .startsWith("test-privileged — Containers must not be privileged\n")
                .contains("  severity:    error\n")
                .contains("Remediation: Remove securityContext.privileged or set it to false.\n")
                .endsWith("' marks the offending field):\n\n    kind: Pod\n    \n");
    }

    @Test
    void builtInRuleFixturesAreReadableFromTheClassPath() {
        assertThat(RuleExamples.failing("pss-privileged"))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.text()).contains("# expect: pss-privileged"));
        assertThat(RuleExamples.failing("no-such-rule")).isEmpty();
    }
}
