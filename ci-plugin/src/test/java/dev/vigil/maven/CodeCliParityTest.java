package dev.vigil.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.code.cli.CodeCommand;
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
    /** Fixture packages with data-flow findings (paths), value findings, class-level findings and suppressions. */
    private static final List<String> PACKAGES = List.of(
            "sql_injection",
            "cross_site_scripting",
            "path_traversal",
            "weak_hash_algorithm",
            "weak_cipher",
            "cookie_without_secure",
            "hard_coded_secret",
            "suppressed"); // @Suppress: not reported by either

    @TempDir
    static Path dir;

    /** A class folder holding those fixtures' compiled classes (a subset keeps the test quick). */
    static Path classes;

    static JsonNode plugin;
    static Cli cli;

    record Cli(int code, String out, String err) {}

    @BeforeAll
    static void runBoth() throws Exception {
        classes = dir.resolve("classes");
        Path fixtures = MODULE.resolve("target/test-classes/dev/vigil/archrules/fixtures");
        for (String p : PACKAGES) {
            copyTree(
                    fixtures.resolve(p),
                    classes.resolve("dev/vigil/archrules/fixtures").resolve(p));
        }
        ArchMojo arch = mojo(new ArchMojo());
        assertThatThrownBy(arch::run).isInstanceOf(MojoFailureException.class);
        plugin = JSON.readTree(dir.resolve("target/vigil/arch.json").toFile());
        cli = cli("--format", "json,sarif", "-o", dir.resolve("cli").toString());
    }

    @Test
    void theCliFindsWhatThePluginFinds() throws Exception {
        assertThat(cli.code).isEqualTo(1);
        JsonNode fromCli = JSON.readTree(dir.resolve("cli/arch.json").toFile());
        assertThat(plugin.get("findings").size()).isGreaterThan(15);
        assertThat(list(plugin.get("findings")))
                .anySatisfy(f -> assertThat(f.get("path")).isNotNull());
        assertThat(fromCli.get("rules")).isEqualTo(plugin.get("rules"));
        assertThat(list(fromCli.get("findings"))).containsExactlyElementsOf(list(plugin.get("findings")));
        assertThat(plugin.get("findings").get(0).get("file").asText()).startsWith("src/test/java/dev/vigil/archrules/");
    }

    @Test
    void theCliSarifPassesTheSchemaAndTheMultitool() throws Exception {
        Path sarif = dir.resolve("cli/arch.sarif");
        assertThat(SarifValidator.schemaErrors(sarif)).isEmpty();
        Path tool = SarifValidator.requireMultitool();
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
                .allSatisfy(f -> assertThat(f.get("suppression").asText())
                        .startsWith("baselined: accepted by vigil:baseline on "));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static Cli cli(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                classes.toString(),
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

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(from)) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                java.nio.file.Files.createDirectories(target.getParent());
                java.nio.file.Files.copy(f, target);
            }
        }
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
        build.setOutputDirectory(classes.toString());
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
        m.classesDirectory = classes.toFile();
        m.failOn = "error";
        m.maxConsole = 5;
        return m;
    }
}
