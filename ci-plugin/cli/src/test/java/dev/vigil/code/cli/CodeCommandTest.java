package dev.vigil.code.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.archrules.report.Baseline;
import dev.vigil.archrules.report.Issue;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil code} on classes compiled here from real sources (against the real servlet API): the findings, the
 * exit codes, one-line errors, the formats, the configuration and the baseline; fingerprints that survive edits
 * above a finding and a checkout at another absolute path.
 */
class CodeCommandTest {
    private static final String SEARCH = """
            package app;

            import jakarta.servlet.http.HttpServlet;
            import jakarta.servlet.http.HttpServletRequest;
            import jakarta.servlet.http.HttpServletResponse;
            import java.io.IOException;
            import java.sql.Connection;
            import java.sql.SQLException;
            import java.sql.Statement;

            public class Search extends HttpServlet {
                private Connection db;
            %s
                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    String q = request.getParameter("q");
                    try {
                        Statement s = db.createStatement();
                        s.executeQuery("select * from users where name = '" + q + "'"); // SINK
                    } catch (SQLException e) {
                        throw new IOException(e);
                    }
                }
            }
            """;

    private static final String SAFE_SEARCH = """
            package app;

            import jakarta.servlet.http.HttpServlet;
            import jakarta.servlet.http.HttpServletRequest;
            import jakarta.servlet.http.HttpServletResponse;
            import java.io.IOException;
            import java.sql.Connection;
            import java.sql.PreparedStatement;
            import java.sql.SQLException;

            public class SafeSearch extends HttpServlet {
                private Connection db;

                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    String q = request.getParameter("q");
                    try {
                        PreparedStatement s = db.prepareStatement("select * from users where name = ?");
                        s.setString(1, q);
                        s.executeQuery();
                    } catch (SQLException e) {
                        throw new IOException(e);
                    }
                }
            }
            """;

    private static final String DIGESTS = """
            package app.cache;

            import java.security.MessageDigest;

            public class Keys {
                public static byte[] key(byte[] data) throws Exception {
                    return MessageDigest.getInstance("MD5").digest(data); // SINK
                }
            }
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static Path project;
    static Path safeProject;

    @BeforeAll
    static void compile() throws Exception {
        project = compile(
                shared.resolve("project"),
                Map.of("app/Search.java", SEARCH.formatted(""), "app/cache/Keys.java", DIGESTS));
        safeProject = compile(shared.resolve("safe"), Map.of("app/SafeSearch.java", SAFE_SEARCH));
    }

    @Test
    void vulnerableClassesExitOneWithRuleIdsAndSourceLines() {
        Result r = run(project, "build/classes/java/main", "--classpath", servletApi());
        assertThat(r.code).isEqualTo(1);
        assertThat(r.out)
                .contains("VIGIL-ARCH-027 (1) Request data does not reach SQL or JPQL text")
                .contains("  src/main/java/app/Search.java:" + sinkLine(SEARCH.formatted("")) + " app.Search.doGet: ")
                .contains("VIGIL-ARCH-002 (1) No broken hash algorithms")
                .contains("  src/main/java/app/cache/Keys.java:" + sinkLine(DIGESTS) + " app.cache.Keys.key: ")
                .contains("2 findings (2 errors)");
        assertThat(r.err).isEmpty();
    }

    @Test
    void theSafeLookAlikeExitsZero() {
        Result r = run(safeProject, "build/classes/java/main", "--classpath", servletApi());
        assertThat(r.code).isZero();
        assertThat(r.out).contains("0 findings from ");
    }

    @Test
    void aJarAndAFolderOfJarsGiveTheSameFindingsAsTheClassFolder() throws Exception {
        Path libs = Files.createDirectories(shared.resolve("libs"));
        jar(project.resolve("build/classes/java/main"), libs.resolve("app.jar"));
        Result folder = run(project, "build/classes/java/main", "--format", "json", "-cp", servletApi());
        Result jar = run(project, libs.resolve("app.jar").toString(), "--format", "json", "-cp", servletApi());
        Result jars = run(project, libs.toString(), "--format", "json", "-cp", servletApi());
        assertThat(jar.code).isEqualTo(1);
        assertThat(findings(jar.out)).isEqualTo(findings(folder.out)).hasSize(2);
        assertThat(findings(jars.out)).isEqualTo(findings(folder.out));
    }

    @Test
    void badInputIsOneLineNamingItAndExitTwo() throws Exception {
        Files.writeString(project.resolve("notes.txt"), "not classes");
        Files.write(project.resolve("broken.jar"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        Files.createDirectories(project.resolve("empty"));
        assertOneLineError(
                run(project, "build/classes/java/mian"),
                "vigil code: build/classes/java/mian: no such file or directory");
        assertOneLineError(run(project, "notes.txt"), "vigil code: notes.txt: not a class folder or a jar");
        assertOneLineError(run(project, "empty"), "vigil code: empty: no class files or jars in this folder");
        Result broken = run(project, "broken.jar");
        assertThat(broken.code).isEqualTo(2);
        assertThat(broken.err)
                .startsWith("vigil code: broken.jar: not a readable jar (")
                .hasLineCount(1);
        Result failOn = run(project, "build/classes/java/main", "--fail-on", "loud");
        assertThat(failOn.code).isEqualTo(2);
        assertThat(failOn.err.lines().findFirst().orElseThrow())
                .isEqualTo("vigil code: --fail-on was 'loud' but it must be one of error, warning, info, never");
        Result rule = run(project, "build/classes/java/main", "--rule", "VIGIL-ARCH-27");
        assertThat(rule.code).isEqualTo(2);
        assertThat(rule.err.lines().findFirst().orElseThrow())
                .startsWith("vigil code: --rule: unknown rule id 'VIGIL-ARCH-27' (did you mean 'VIGIL-ARCH-027'?)");
        assertThat(run(project).err).startsWith("vigil code: no PATH given");
        for (Result r : List.of(broken, failOn, rule)) {
            assertThat(r.err).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void failOnNeverAndOnlyTheChosenRules() {
        assertThat(run(project, "build/classes/java/main", "--fail-on", "never").code)
                .isZero();
        Result only = run(project, "build/classes/java/main", "--rule", "VIGIL-ARCH-002", "--format", "json");
        assertThat(only.code).isEqualTo(1);
        assertThat(findings(only.out)).extracting(f -> f.get("ruleId").asText()).containsExactly("VIGIL-ARCH-002");
        assertThat(run(project, "build/classes/java/main", "--skip", "VIGIL-ARCH-002,VIGIL-ARCH-027").code)
                .isZero();
    }

    @Test
    void severalFormatsGoToOneFolderUnderThePluginsFileNames() throws Exception {
        Result r = run(
                project,
                "build/classes/java/main",
                "-cp",
                servletApi(),
                "--format",
                "json,sarif",
                "--format",
                "junit,html",
                "-o",
                "out");
        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).startsWith("vigil code: 2 findings (2 errors) from ").contains("report written to out");
        Path out = project.resolve("out");
        assertThat(out.resolve("arch.json")).exists();
        assertThat(out.resolve("TEST-vigil-arch.xml")).content().contains("<failure type=\"CWE-89\"");
        assertThat(out.resolve("arch.html")).content().contains("app.Search.doGet");
        JsonNode sarif = JSON.readTree(out.resolve("arch.sarif").toFile());
        JsonNode result = sarif.at("/runs/0/results/0");
        assertThat(sarif.at("/runs/0/originalUriBaseIds/%SRCROOT%/uri").asText())
                .isEqualTo(project.toUri().toString());
        assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri")
                        .asText())
                .isEqualTo("src/main/java/app/Search.java");
        assertThat(result.at("/codeFlows/0/threadFlows/0/locations").size()).isGreaterThanOrEqualTo(2);
        assertThat(run(project, "build/classes/java/main", "--format", "json,sarif").err)
                .startsWith("vigil code: --format: several formats need --output DIR");
    }

    @Test
    void theCodeSectionOfVigilYamlIgnoresAndItsProblemsNameTheLine() throws Exception {
        Path config = project.resolve("ignore.yaml");
        Files.writeString(config, """
                profiles: [recommended]
                code:
                  ignore:
                    - rule: VIGIL-ARCH-002
                      class: app.cache..
                      reason: a cache key, not a security control
                """);
        Result r = run(
                project, "build/classes/java/main", "-cp", servletApi(), "--config", "ignore.yaml", "--format", "json");
        assertThat(r.code).isEqualTo(1);
        List<JsonNode> found = findings(r.out);
        assertThat(found)
                .filteredOn(f -> f.get("ruleId").asText().equals("VIGIL-ARCH-002"))
                .singleElement()
                .satisfies(f -> assertThat(f.get("suppression").asText())
                        .isEqualTo("ignored in configuration: a cache key, not a security control"));
        Files.writeString(config, """
                code:
                  enableRules: [VIGIL-ARCH-013, VIGIL-ARCH-99]
                """);
        Result bad = run(project, "build/classes/java/main", "--config", "ignore.yaml");
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err)
                .isEqualTo("vigil code: ignore.yaml:2: code.enableRules[1]: unknown rule id 'VIGIL-ARCH-99', expected "
                        + "VIGIL-ARCH-001 to VIGIL-ARCH-032\n");
    }

    /**
     * The fingerprint is what the finding is (rule, class, member, detail), never where: moving the code down and
     * checking the project out at another absolute path keeps it, so a baseline keeps suppressing it.
     */
    @Test
    void fingerprintsSurviveLinesAboveAndAnotherCheckoutPath_soTheBaselineStillSuppresses() throws Exception {
        String moved = SEARCH.formatted("""

                    // an unrelated helper added above the finding
                    static String trim(String s) {
                        return s.strip();
                    }
                """);
        Path elsewhere = compile(
                shared.resolve("another/checkout"), Map.of("app/Search.java", moved, "app/cache/Keys.java", DIGESTS));
        Result before = run(project, "build/classes/java/main", "-cp", servletApi(), "--format", "json");
        Result after = run(elsewhere, "build/classes/java/main", "-cp", servletApi(), "--format", "json");
        JsonNode sqlBefore = byRule(findings(before.out), "VIGIL-ARCH-027");
        JsonNode sqlAfter = byRule(findings(after.out), "VIGIL-ARCH-027");
        assertThat(sqlBefore.get("line").asInt()).isEqualTo(sinkLine(SEARCH.formatted("")));
        assertThat(sqlAfter.get("line").asInt())
                .isEqualTo(sinkLine(moved))
                .isGreaterThan(sinkLine(SEARCH.formatted("")));
        assertThat(sqlAfter.get("file").asText())
                .isEqualTo(sqlBefore.get("file").asText());
        assertThat(sqlAfter.get("fingerprint").asText())
                .isEqualTo(sqlBefore.get("fingerprint").asText());

        List<Issue> accepted = new ArrayList<>();
        for (JsonNode f : findings(before.out)) {
            accepted.add(new Issue(
                    f.get("ruleId").asText(),
                    "",
                    f.get("level").asText(),
                    f.get("message").asText(),
                    f.get("file").asText(),
                    f.get("line").asInt(),
                    0,
                    f.get("subject").asText(),
                    f.get("fingerprint").asText(),
                    null,
                    ""));
        }
        Path baseline = elsewhere.resolve("vigil-baseline.json");
        Baseline.empty().replace(Baseline.ARCH, accepted, "accepted in review").write(baseline);
        Result baselined = run(
                elsewhere,
                "build/classes/java/main",
                "-cp",
                servletApi(),
                "--baseline",
                "vigil-baseline.json",
                "--format",
                "json");
        assertThat(baselined.code).isZero();
        assertThat(findings(baselined.out))
                .hasSize(2)
                .allSatisfy(f -> assertThat(f.get("suppression").asText()).isEqualTo("baselined: accepted in review"));
        Files.writeString(baseline, "{\"entries\": [{\"ruleId\": \"VIGIL-ARCH-027\"}]}");
        assertOneLineError(
                run(elsewhere, "build/classes/java/main", "--baseline", "vigil-baseline.json"),
                "vigil code: vigil-baseline.json: entries[0]: ruleId and fingerprint are required");
    }

    @Test
    void listRulesShowsTheOptInPolicyRules() {
        Result r = run(project, "--list-rules", "--enable", "VIGIL-ARCH-013");
        assertThat(r.code).isZero();
        assertThat(r.out.lines())
                .hasSize(32)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("VIGIL-ARCH-001  crypto-outside-allowed-packages")
                        .contains(" opt-in "))
                .anySatisfy(l -> assertThat(l)
                        .startsWith("VIGIL-ARCH-013  sql-outside-persistence")
                        .contains(" on "));
    }

    @Test
    void helpWinsOverABadOptionVersionIsTheReleaseNumberAndBadOptionsPointToHelp() {
        Result help = run(project, "--help", "--bogus");
        assertThat(help.code).isZero();
        assertThat(help.out)
                .startsWith("Find vulnerabilities in compiled Java code")
                .contains("Exit codes:");
        assertThat(help.err).isEmpty();
        assertThat(run(project, "-V").out).matches("vigil code \\d+\\.\\d+\\.\\d+\n");
        Result bogus = run(project, "--bogus");
        assertThat(bogus.code).isEqualTo(2);
        assertThat(bogus.err)
                .isEqualTo("vigil code: Unknown option: '--bogus'\nTry 'vigil code --help' for the options.\n");
    }

    // ---- helpers

    record Result(int code, String out, String err) {}

    static Result run(Path workDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CodeCommand.run(args, print(out), print(err), workDir);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static PrintStream print(OutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private static void assertOneLineError(Result r, String line) {
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).isEqualTo(line + "\n");
    }

    static String servletApi() {
        try {
            return Path.of(jakarta.servlet.http.HttpServlet.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> findings(String json) {
        try {
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(json).get("findings").forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static JsonNode byRule(List<JsonNode> findings, String ruleId) {
        return findings.stream()
                .filter(f -> f.get("ruleId").asText().equals(ruleId))
                .findFirst()
                .orElseThrow();
    }

    private static int sinkLine(String source) {
        List<String> lines = source.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// SINK")) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no // SINK marker");
    }

    /** Writes the sources under {@code dir/src/main/java} and compiles them to {@code dir/build/classes/java/main}. */
    static Path compile(Path dir, Map<String, String> sources) throws IOException {
        Path src = dir.resolve("src/main/java");
        List<String> args = new ArrayList<>(
                List.of("-g", "-d", dir.resolve("build/classes/java/main").toString(), "-cp", servletApi()));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertThat(rc).isZero();
        return dir;
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
    }
}
