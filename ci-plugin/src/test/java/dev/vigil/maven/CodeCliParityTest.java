package dev.vigil.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.code.cli.CodeCommand;
import dev.vigil.testsupport.Requirements;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two front ends are one engine: {@code vigil code} on a class folder reports exactly what {@code vigil:arch}
 * reports on the same classes (rule ids, locations, messages, paths, fingerprints), its SARIF passes the same
 * validators, and a baseline written by {@code vigil:baseline} suppresses the same findings in the CLI.
 */
class CodeCliParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path FIXTURES = MODULE.resolve("target/test-classes/dev/vigil/archrules/fixtures");

    @TempDir
    static Path dir;

    static JsonNode plugin;
    static Cli cli;

    record Cli(int code, String out, String err) {}

    @BeforeAll
    static void runBoth() throws Exception {
        ArchMojo arch = mojo(new ArchMojo());
        assertThatThrownBy(arch::run).isInstanceOf(MojoFailureException.class);
        plugin = JSON.readTree(dir.resolve("target/vigil/arch.json").toFile());
        cli = cli("--format", "json,sarif", "-o", dir.resolve("cli").toString());
    }

    @Test
    void theCliFindsWhatThePluginFinds() throws Exception {
        assertThat(cli.code).isEqualTo(1);
        JsonNode fromCli = JSON.readTree(dir.resolve("cli/arch.json").toFile());
        assertThat(plugin.get("findings").size()).isGreaterThan(40);
        assertThat(fromCli.get("rules")).isEqualTo(plugin.get("rules"));
        assertThat(list(fromCli.get("findings"))).containsExactlyElementsOf(list(plugin.get("findings")));
        assertThat(plugin.get("findings").get(0).get("file").asText()).startsWith("src/test/java/dev/vigil/archrules/");
    }

    @Test
    void theCliSarifPassesTheSchemaAndTheMultitool() throws Exception {
        Path sarif = dir.resolve("cli/arch.sarif");
        assertThat(SarifValidator.schemaErrors(sarif)).isEmpty();
        Path tool = SarifValidator.multitool();
        Requirements.require(
                "sarif-multitool",
                tool != null,
                "VIGIL_SARIF_MULTITOOL or ~/.cache/vigil-tools",
                "validates SARIF with GitHub's rules (npm @microsoft/sarif-multitool; .ci/run installs it)");
        assertThat(SarifValidator.multitoolProblems(tool, sarif, dir)).isEmpty();
    }

    @Test
    void aBaselineWrittenByThePluginSuppressesTheSameFindingsInTheCli() throws Exception {
        mojo(new BaselineMojo()).run();
        Cli baselined = cli(
                "--format",
                "json",
                "--baseline",
                dir.resolve("vigil-baseline.json").toString());
        assertThat(baselined.code).as(baselined.err).isZero();
        List<JsonNode> findings = list(JSON.readTree(baselined.out).get("findings"));
        assertThat(findings).hasSize(plugin.get("findings").size());
        assertThat(findings)
                .filteredOn(f -> !f.get("suppression").asText("").startsWith("baselined: accepted by vigil:baseline"))
                // suppressed in source (@Suppress) before the baseline was written: not in it, still suppressed
                .allSatisfy(f -> assertThat(f.get("suppressed").asBoolean()).isTrue());
        assertThat(findings)
                .filteredOn(f -> f.get("suppression").asText("").startsWith("baselined: "))
                .hasSizeGreaterThan(40);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static Cli cli(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                FIXTURES.toString(),
                "--source-root",
                "src/test/java",
                "--classpath",
                String.join(File.pathSeparator, testClasspath())));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CodeCommand.run(
                args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                MODULE);
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> testClasspath() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    /** A mojo over the fixture classes, with this test's classpath as the project's compile classpath. */
    private static <T extends AbstractVigilMojo> T mojo(T m) {
        Model model = new Model();
        model.setGroupId("com.example");
        model.setArtifactId("fixtures");
        model.setVersion("1.0.0");
        Build build = new Build();
        build.setOutputDirectory(FIXTURES.toString());
        model.setBuild(build);
        MavenProject project = new MavenProject(model);
        project.setFile(MODULE.resolve("pom.xml").toFile());
        project.addCompileSourceRoot(MODULE.resolve("src/test/java").toString());
        Set<Artifact> artifacts = new LinkedHashSet<>();
        DefaultArtifactHandler handler = new DefaultArtifactHandler("jar");
        handler.setAddedToClasspath(true);
        int i = 0;
        for (String entry : testClasspath()) {
            DefaultArtifact a = new DefaultArtifact("test", "cp" + i++, "1", "compile", "jar", null, handler);
            a.setFile(new File(entry));
            artifacts.add(a);
        }
        project.setArtifacts(artifacts);
        m.project = project;
        m.outputDirectory = dir.resolve("target/vigil").toFile();
        m.repositoryRoot = MODULE.toFile();
        m.config = dir.resolve(".vigil.yaml").toFile();
        m.baseline = dir.resolve("vigil-baseline.json").toFile();
        m.classesDirectory = FIXTURES.toFile();
        m.failOn = "error";
        m.maxConsole = 5;
        return m;
    }
}
