package dev.vigil.vuln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan's SARIF passes the official SARIF 2.1.0 schema and, where installed, the SARIF Multitool with GitHub's
 * rules. The input has a critical, a medium, a suppressed finding and an SBOM line location.
 */
class SarifValidationTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path sarif;
    static JsonNode log;

    @BeforeAll
    static void scan() throws Exception {
        Path cfg = Files.writeString(
                dir.resolve(".vigil.yaml"),
                "vulnerabilities:\n  ignore:\n    - {id: CVE-2022-1471, reason: trusted YAML only}\n");
        Path sbom = Files.writeString(
                dir.resolve("bom.json"),
                "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [\n"
                        + "  {\"type\": \"library\", \"name\": \"commons-text\",\n"
                        + "   \"purl\": \"pkg:maven/org.apache.commons/commons-text@1.9\"}]}\n");
        sarif = dir.resolve("scan.sarif");
        int exit = new ScanCommand()
                .execute(
                        new String[] {
                            ScanCommandTest.jar("log4j-core-2.14.1").toString(),
                            ScanCommandTest.jar("snakeyaml-1.33").toString(),
                            sbom.toString(),
                            "--db",
                            ScanCommandTest.osv().toString(),
                            "--config",
                            cfg.toString(),
                            "--no-cache",
                            "--format",
                            "sarif",
                            "--output",
                            sarif.toString()
                        },
                        new StringWriter(),
                        new PrintWriter(new StringWriter(), true),
                        ScanCommandTest.NOW);
        assertThat(exit).isEqualTo(1);
        log = MAPPER.readTree(sarif.toFile());
    }

    @Test
    void validAgainstTheOfficialSchema() throws Exception {
        Schema schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(in);
        }
        assertThat(schema.validate(log)).isEmpty();
    }

    @Test
    void oneRulePerAdvisory_fixedVersionInTheMessage_suppressionKept() {
        JsonNode run = log.get("runs").get(0);
        List<String> ruleIds = run.get("tool").get("driver").get("rules").findValuesAsText("id");
        assertThat(ruleIds)
                .containsExactlyInAnyOrder(
                        "CVE-2021-44228", "CVE-2021-45046", "CVE-2021-44832", "CVE-2022-42889", "CVE-2022-1471");
        JsonNode text4shell = null;
        for (JsonNode r : run.get("results")) {
            if (r.get("ruleId").asText().equals("CVE-2022-42889")) {
                text4shell = r;
            }
            if (r.get("ruleId").asText().equals("CVE-2022-1471")) {
                assertThat(r.get("suppressions").get(0).get("justification").asText())
                        .isEqualTo("trusted YAML only");
            }
        }
        assertThat(text4shell.get("message").get("text").asText()).contains("fixed in 1.10.0");
        JsonNode physical = text4shell.get("locations").get(0).get("physicalLocation");
        assertThat(physical.get("region").get("startLine").asInt()).isEqualTo(3);
        assertThat(physical.get("artifactLocation").get("uri").asText()).endsWith("bom.json");
    }

    @Test
    void multitoolWithGitHubRules() throws Exception {
        String env = System.getenv("VIGIL_SARIF_MULTITOOL");
        Path tool = env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of(
                        System.getProperty("user.home"),
                        ".cache/vigil-tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
        Assumptions.assumeTrue(Files.isExecutable(tool), "SARIF Multitool not installed (.ci/run installs it)");
        Path out = dir.resolve("validation.sarif");
        Process p = new ProcessBuilder(
                        tool.toString(),
                        "validate",
                        "--rule-kind",
                        "Gh;Sarif",
                        "--level",
                        "Error;Warning",
                        sarif.toString(),
                        "-o",
                        out.toString())
                .redirectErrorStream(true)
                .start();
        String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(console).exists();
        List<String> problems = new ArrayList<>();
        for (JsonNode run : MAPPER.readTree(out.toFile()).get("runs")) {
            for (JsonNode result : run.path("results")) {
                problems.add(result.path("ruleId").asText() + ": " + result.path("message"));
            }
        }
        assertThat(problems).isEmpty();
    }
}
