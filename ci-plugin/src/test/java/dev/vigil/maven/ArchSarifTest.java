package dev.vigil.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.archrules.SecurityRule;
import dev.vigil.archrules.SecurityRules;
import dev.vigil.archrules.report.CodeRun;
import dev.vigil.archrules.report.CodeSarif;
import dev.vigil.archrules.report.Issue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The arch SARIF for a finding of every rule (one baselined, one suppressed in source) passes the official schema
 * and the Multitool's GitHub rules, and carries what code scanning shows: severity, CWE tags, help, fingerprints.
 */
class ArchSarifTest {
    @TempDir
    static Path dir;

    static Path sarif;
    static List<Issue> issues;

    @BeforeAll
    static void checkFixtures() throws Exception {
        Path classes = Path.of("target/test-classes");
        Path sources = Path.of("src/test/java");
        Path root = Path.of("").toAbsolutePath();
        issues = new ArrayList<>(CodeRun.run(
                List.of(classes.resolve("dev/vigil/archrules/fixtures")),
                List.of(classes),
                List.of(sources),
                root,
                SecurityRules.all()));
        issues.set(0, issues.get(0).suppress("baselined: legacy, tracked in SEC-12"));
        issues.set(1, issues.get(1).suppress("cache key, not a security control"));
        sarif = dir.resolve("arch.sarif");
        Files.writeString(sarif, CodeSarif.render("1.2.3", root, SecurityRules.all(), issues), StandardCharsets.UTF_8);
    }

    @Test
    void findsEveryRuleInItsFixtures() {
        assertThat(issues.stream().map(Issue::ruleId).distinct())
                .containsExactlyInAnyOrderElementsOf(
                        SecurityRules.all().stream().map(SecurityRule::id).toList());
    }

    @Test
    void validAgainstTheOfficialSchema() throws Exception {
        assertThat(SarifValidator.schemaErrors(sarif)).isEmpty();
    }

    @Test
    void passesTheMultitoolWithGitHubRules() throws Exception {
        Path tool = SarifValidator.requireMultitool();
        assertThat(SarifValidator.multitoolProblems(tool, sarif, dir)).isEmpty();
    }

    @Test
    void rulesCarrySeverityCweAndHelp() throws Exception {
        JsonNode run = new ObjectMapper().readTree(sarif.toFile()).get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertThat(rules).hasSize(SecurityRules.all().size());
        JsonNode weakHash = rules.get(1);
        assertThat(weakHash.get("id").asText()).isEqualTo("VIGIL-ARCH-002");
        assertThat(weakHash.get("name").asText()).isEqualTo("WeakHashAlgorithm");
        assertThat(weakHash.get("properties").get("security-severity").asText()).isEqualTo("7.5");
        assertThat(weakHash.get("properties").get("precision").asText()).isEqualTo("high");
        assertThat(weakHash.get("properties").get("tags").toString()).contains("external/cwe/cwe-328");
        assertThat(weakHash.get("help").get("markdown").asText())
                .contains("[CWE-328](https://cwe.mitre.org/data/definitions/328.html)");
        assertThat(weakHash.get("helpUri").asText())
                .isEqualTo("https://github.com/vigil-dev/vigil/blob/main/ci-plugin/README.md#vigil-arch-002");
    }

    @Test
    void resultsAreRepositoryRelativeWithFingerprintsAndSuppressions() throws Exception {
        JsonNode results =
                new ObjectMapper().readTree(sarif.toFile()).get("runs").get(0).get("results");
        for (JsonNode r : results) {
            JsonNode artifact =
                    r.get("locations").get(0).get("physicalLocation").get("artifactLocation");
            assertThat(artifact.get("uri").asText()).startsWith("src/test/java/dev/vigil/archrules/fixtures/");
            assertThat(artifact.get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
            assertThat(r.get("partialFingerprints").get("vigilFindingHash/v1").asText())
                    .matches("[0-9a-f]{32}");
        }
        assertThat(results.get(0).get("suppressions").get(0).get("kind").asText())
                .isEqualTo("external");
        assertThat(results.get(1).get("suppressions").get(0).get("kind").asText())
                .isEqualTo("inSource");
    }

    @Test
    void flowFindingsCarryTheirPathAsCodeFlows() throws Exception {
        JsonNode results =
                new ObjectMapper().readTree(sarif.toFile()).get("runs").get(0).get("results");
        JsonNode sql = null;
        for (JsonNode r : results) {
            if (r.get("ruleId").asText().equals("VIGIL-ARCH-027")
                    && r.get("message").get("text").asText().contains("getParameter(\"id\")")) {
                sql = r;
            }
        }
        assertThat(sql)
                .as("the SQL injection through a helper in ViolatingUserSearch")
                .isNotNull();
        JsonNode steps = sql.get("codeFlows").get(0).get("threadFlows").get(0).get("locations");
        List<String> path = new ArrayList<>();
        for (JsonNode step : steps) {
            JsonNode physical = step.get("location").get("physicalLocation");
            path.add(physical.get("artifactLocation").get("uri").asText().replaceAll(".*/", "") + ":"
                    + physical.get("region").get("startLine").asInt() + " "
                    + step.get("location").get("message").get("text").asText());
        }
        assertThat(path)
                .containsExactly(
                        "ViolatingUserSearch.java:31 request.getParameter(\"id\")",
                        "ViolatingUserSearch.java:31 calls ViolatingUserSearch.byId",
                        "ViolatingUserSearch.java:38 parameter id",
                        "ViolatingUserSearch.java:31 Statement.executeQuery");
        JsonNode rules = new ObjectMapper()
                .readTree(sarif.toFile())
                .get("runs")
                .get(0)
                .get("tool")
                .get("driver")
                .get("rules");
        for (JsonNode rule : rules) {
            if (rule.get("id").asText().equals("VIGIL-ARCH-027")) {
                assertThat(rule.get("properties").get("tags").toString()).contains("owasp-top10-2021/a03");
            }
        }
    }
}
