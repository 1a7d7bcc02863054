package dev.vigil.lint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testsupport.Requirements;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every option, exit code and bad input of {@code vigil lint}, through {@link LintCommand#run}. Most runs use
 * {@code --profile pss-baseline}, so that the expectations stay exact while the catalogue grows.
 */
class LintCommandTest {
    static final String PRIVILEGED = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: app
                      image: registry.example/app:1.0
                      securityContext:
                        privileged: true
            """;

    static final String BASELINE_CLEAN = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: ok
            spec:
              containers:
                - name: app
                  image: registry.example/app:1.0
            """;

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private Cli lint(String... args) {
        return Cli.run(dir, args);
    }

    private String message(String... args) throws IOException {
        String[] all = java.util.stream.Stream.concat(
                        java.util.Arrays.stream(args), java.util.stream.Stream.of("--format", "json"))
                .toArray(String[]::new);
        return new ObjectMapper()
                .readTree(lint(all).out())
                .get("findings")
                .get(0)
                .get("message")
                .asText();
    }

    @Test
    void helpDocumentsEveryOptionAndTheExitCodes() {
        Cli r = lint("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("Usage: vigil lint [OPTIONS] PATH...")
                .contains("--profile=NAME", "--pss-version=VERSION", "--format=FORMAT", "--output=FILE")
                .contains("--fail-on=LEVEL", "--config=FILE", "--list-rules", "--explain=RULE", "--version")
                .contains("Exit codes:\n  0  nothing at or above --fail-on\n  1  findings at or above --fail-on\n"
                        + "  2  usage error, invalid configuration, or an input that cannot be read\n"
                        + "     or parsed (printed to stderr as file:line:col: what is wrong; the\n"
                        + "     other inputs are still linted and reported)\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void versionIsTheBuildVersion() {
        Cli r = lint("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).matches("vigil lint \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
    }

    @Test
    void findingsAtOrAboveFailOnExitOneWithExactPositions() throws IOException {
        file("deploy/web.yaml", PRIVILEGED);
        Cli r = lint("--profile", "pss-baseline", dir.resolve("deploy").toString());
        assertThat(r.exit()).isEqualTo(1);
        String f = dir.resolve("deploy/web.yaml").toString();
        // the message is the rule's own (owned by the rule); the layout around it is the CLI's
        String message = message("--profile", "pss-baseline", f);
        assertThat(message).contains("\"app\"", "privileged");
        assertThat(r.out())
                .isEqualTo(f + "\n  " + f + ":17:13  error    pss-privileged  " + message + "  "
                        + "(Deployment/shop/web)\n\n1 error, 0 warnings, 0 infos in 1 object from 1 file\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void cleanInputExitsZero() throws IOException {
        Cli r = lint(
                "--profile", "pss-baseline", file("ok.yaml", BASELINE_CLEAN).toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("0 errors, 0 warnings, 0 infos in 1 object from 1 file\n");
    }

    @Test
    void failOnDecidesTheExitCode() throws IOException {
        Path f = file("web.yaml", PRIVILEGED);
        Path cfg = file("warn.yaml", "rules: {pss-privileged: warning}\n");
        Path info = file("info.yaml", "rules: {pss-privileged: info}\n");
        String p = f.toString();
        assertThat(lint("--profile", "pss-baseline", "--fail-on", "never", p).exit())
                .isZero();
        assertThat(lint("--profile", "pss-baseline", "--config", cfg.toString(), p)
                        .exit())
                .isZero();
        assertThat(lint("--profile", "pss-baseline", "--config", cfg.toString(), "--fail-on", "warning", p)
                        .exit())
                .isEqualTo(1);
        assertThat(lint("--profile", "pss-baseline", "--config", info.toString(), "--fail-on", "warning", p)
                        .exit())
                .isZero();
        assertThat(lint("--profile", "pss-baseline", "--config", info.toString(), "--fail-on", "info", p)
                        .exit())
                .isEqualTo(1);
        Cli bad = lint("--fail-on", "critical", p);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.errLines())
                .containsExactly(
                        "vigil lint: --fail-on: unknown level 'critical'; expected error, warning, info or never",
                        "Try 'vigil lint --help' for the options.");
    }

    @Test
    void profilesSelectTheRules() throws IOException {
        String p = file("web.yaml", PRIVILEGED).toString();
        assertThat(lint("--profile", "pss-baseline", p).exit()).isEqualTo(1);
        Cli other = lint("--profile", "schema", "--format", "json", p);
        assertThat(other.out()).doesNotContain("pss-privileged");
        Cli bad = lint("--profile", "strict", p);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.errLines().get(0))
                .isEqualTo("vigil lint: --profile: unknown profile 'strict'; expected one of pss-baseline, "
                        + "pss-restricted, best-practices, schema, recommended");
    }

    @Test
    void pssVersionIsValidated() throws IOException {
        String p = file("ok.yaml", BASELINE_CLEAN).toString();
        assertThat(lint("--profile", "pss-baseline", "--pss-version", "v1.25", p)
                        .exit())
                .isZero();
        assertThat(lint("--profile", "pss-baseline", "--pss-version", "latest", p)
                        .exit())
                .isZero();
        Cli bad = lint("--pss-version", "1.25", p);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.errLines().get(0))
                .isEqualTo("vigil lint: --pss-version: PSS version '1.25' is not valid; expected 'latest' or "
                        + "v1.0 … v1.37");
    }

    @Test
    void jsonGoesToStdoutAndTheSummaryToStderr() throws IOException {
        Cli r = lint(
                "--profile",
                "pss-baseline",
                "--format",
                "json",
                file("web.yaml", PRIVILEGED).toString());
        assertThat(r.exit()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("findings").get(0).get("ruleId").asText()).isEqualTo("pss-privileged");
        assertThat(json.get("findings").get(0).get("line").asInt()).isEqualTo(17);
        assertThat(json.get("summary").get("errors").asInt()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("1 error, 0 warnings, 0 infos in 1 object from 1 file\n");
    }

    @Test
    void outputWritesTheReportToAFile() throws IOException {
        Cli r = lint(
                "--profile",
                "pss-baseline",
                "--format",
                "sarif",
                "--output",
                "reports/lint.sarif",
                file("web.yaml", PRIVILEGED).toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("1 error, 0 warnings, 0 infos in 1 object from 1 file; report written to "
                        + "reports/lint.sarif\n");
        JsonNode sarif =
                new ObjectMapper().readTree(dir.resolve("reports/lint.sarif").toFile());
        JsonNode location =
                sarif.get("runs").get(0).get("results").get(0).get("locations").get(0);
        // relative to the working directory
        assertThat(location.get("physicalLocation")
                        .get("artifactLocation")
                        .get("uri")
                        .asText())
                .isEqualTo("web.yaml");
    }

    @Test
    void junitHasATestCasePerObject() throws IOException {
        Cli r = lint(
                "--profile",
                "pss-baseline",
                "--format",
                "junit",
                file("web.yaml", PRIVILEGED).toString(),
                file("ok.yaml", BASELINE_CLEAN).toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains("<testsuite name=\"pss-baseline\" tests=\"2\" failures=\"1\"")
                .contains("<testcase name=\"Deployment/shop/web\"")
                .contains("<testcase name=\"Pod/ok\"");
    }

    @Test
    void unknownFormatsAreUsageErrors() throws IOException {
        String p = file("ok.yaml", BASELINE_CLEAN).toString();
        Cli r = lint("--format", "markdown", p);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines().get(0))
                .isEqualTo("vigil lint: --format: unknown format 'markdown'; expected text, json, sarif or junit "
                        + "(markdown is for --list-rules)");
        assertThat(lint("--list-rules", "--format", "sarif").errLines().get(0))
                .isEqualTo("vigil lint: --format: unknown rule list format 'sarif'; expected text, json or markdown");
    }

    @Test
    void usageErrorsExitTwo() {
        Cli none = lint();
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.errLines())
                .containsExactly(
                        "vigil lint: no PATH given; name files or directories to lint, or - to read stdin",
                        "Try 'vigil lint --help' for the options.");
        Cli unknown = lint("--bogus", "x.yaml");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.errLines().get(0)).isEqualTo("vigil lint: Unknown option: '--bogus'");
        Cli unknownBesideHelp = lint("--help", "--bogus"); // unlike vigil code, the bad option wins over --help
        assertThat(unknownBesideHelp.exit()).isEqualTo(2);
        assertThat(unknownBesideHelp.out()).isEmpty();
        assertThat(unknownBesideHelp.errLines().get(0)).isEqualTo("vigil lint: Unknown option: '--bogus'");
        assertThat(lint("--format").errLines().get(0))
                .isEqualTo("vigil lint: Missing required parameter for option '--format' (FORMAT)");
    }

    @Test
    void configFileProblemsAreAllListedWithLines() throws IOException {
        Path cfg = file("bad.yaml", "profiles: [nope]\nrules: {no-such-rule: off}\n");
        Cli r = lint("--config", cfg.toString(), file("ok.yaml", BASELINE_CLEAN).toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines())
                .containsExactly(
                        cfg + ":1: profiles[0]: unknown profile 'nope', expected one of pss-baseline, pss-restricted, "
                                + "best-practices, schema, recommended",
                        cfg + ":2: rules.no-such-rule: unknown rule 'no-such-rule', expected a rule id (see vigil "
                                + "lint --list-rules)");
        Cli missing = lint("--config", "absent.yaml", "x.yaml");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.errLines()).containsExactly("absent.yaml: no such file");
    }

    @Test
    void dotVigilYamlInTheWorkingDirectoryIsTheDefaultConfig() throws IOException {
        String p = file("web.yaml", PRIVILEGED).toString();
        file(".vigil.yaml", "profiles: [pss-baseline]\nrules:\n  pss-privileged: off\n");
        assertThat(lint(p).exit()).isZero();
        file(".vigil.yaml", "profiles: [pss-baseline]\nrules:\n  pss-privileged: 3\n");
        assertThat(lint(p).errLines())
                .containsExactly(".vigil.yaml:3: rules.pss-privileged: is 3, expected off, on, error, warning, info "
                        + "or {enabled: …, severity: …}");
    }

    @Test
    void ruleFilesNamedInTheConfigAddRulesAndNameTheirOwnProblems() throws IOException {
        String p = file("web.yaml", PRIVILEGED).toString();
        Path rules = file("policies/team.yaml", """
                customRules:
                  - id: team-label
                    severity: error
                    title: Workloads carry a team label
                    kinds: [Deployment]
                    cel: "has(object.metadata.labels) && 'team' in object.metadata.labels"
                    message: needs a team label
                """);
        file(".vigil.yaml", "profiles: [schema]\nruleFiles: [policies]\n");
        Cli r = lint("--format", "json", p);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("\"ruleId\" : \"team-label\"").contains("needs a team label");

        file("policies/broken.yaml", "customRules:\n  - id: broken\n    title: x\n    cel: \"nope(\"\n");
        Cli bad = lint(p);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.errLines())
                .singleElement()
                .asString()
                .contains("broken.yaml:4: customRules[0].cel: does not compile");
        assertThat(rules).exists();
    }

    @Test
    void exemptionsInConfigSuppressAndAreReported() throws IOException {
        String p = file("web.yaml", PRIVILEGED).toString();
        Path cfg = file("exempt.yaml", """
                profiles: [pss-baseline]
                exemptions:
                  - {namespace: shop, name: web, container: app, reason: GPU driver needs it}
                """);
        Cli r = lint("--config", cfg.toString(), "--format", "json", p);
        assertThat(r.exit()).isZero();
        JsonNode finding = new ObjectMapper().readTree(r.out()).get("findings").get(0);
        assertThat(finding.get("suppressed").asBoolean()).isTrue();
        assertThat(finding.get("justification").asText()).isEqualTo("exempted in configuration: GPU driver needs it");
        Path expired = file("expired.yaml", """
                profiles: [pss-baseline]
                exemptions:
                  - {name: web, reason: temporary, expires: 2020-01-31}
                """);
        Cli late = lint("--config", expired.toString(), p);
        assertThat(late.exit()).isEqualTo(1);
        assertThat(late.errLines())
                .containsExactly(
                        "vigil lint: warning: an exemption expired on 2020-01-31 and no longer applies (temporary)");
    }

    @Test
    void suppressionAnnotationKeepsTheFindingButDoesNotCountIt() throws IOException {
        String annotated = PRIVILEGED.replace(
                "  namespace: shop\n",
                "  namespace: shop\n  annotations:\n    ignore.vigil.dev/pss-privileged: \"vendor image, TICKET-7\"\n");
        Cli r = lint("--profile", "pss-baseline", file("web.yaml", annotated).toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("0 errors, 0 warnings, 0 infos (1 suppressed) in 1 object from 1 file\n");
    }

    @Test
    void readsStdin() {
        Cli r = Cli.withStdin(dir, PRIVILEGED, "--profile", "pss-baseline", "-");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("  <stdin>:17:13  error    pss-privileged");
    }

    @Test
    void listRulesInEveryFormat() throws IOException {
        Cli text = lint("--list-rules");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).containsPattern("(?m)^pss-privileged +error +pss-baseline +Containers must not be");
        JsonNode json = new ObjectMapper()
                .readTree(lint("--list-rules", "--format", "json").out());
        assertThat(json.findValuesAsText("id")).contains("pss-privileged");
        assertThat(lint("--list-rules", "--format", "markdown").out())
                .startsWith("| Rule | Severity | Profiles | Category | What it checks |\n")
                .contains("| [`pss-privileged`](../docs/rules.md#pss-privileged) | error | pss-baseline |");
        assertThat(lint("--list-rules", "x.yaml").exit()).isEqualTo(2);
    }

    @Test
    void explainShowsDocsAndTheFailingFixture() {
        Cli r = lint("--explain", "pss-privileged");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .startsWith("pss-privileged — Containers must not be privileged\n")
                .contains("Remediation: Remove securityContext.privileged or set it to false.")
                .contains("Example that fails (privileged-deployment.yaml;")
                .containsPattern("\n {4,}# expect: pss-privileged\n {4,}privileged: true\n");
        Cli unknown = lint("--explain", "privileged");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.errLines().get(0))
                .startsWith("vigil lint: --explain: unknown rule 'privileged' (did you mean");
    }

    @Test
    void kustomizeDirectoriesAreRendered() throws IOException, InterruptedException {
        Requirements.tool("kubectl", "kubectl kustomize renders the kustomization under test");
        file("app/deployment.yaml", PRIVILEGED);
        file("app/kustomization.yaml", "resources: [deployment.yaml]\nnamespace: prod\n");
        Cli r = lint(
                "--profile",
                "pss-baseline",
                "--format",
                "json",
                dir.resolve("app").toString());
        assertThat(r.exit()).isEqualTo(1);
        JsonNode f = new ObjectMapper().readTree(r.out()).get("findings").get(0);
        // the finding points at the source file and the line of the field there, not at the rendered stream
        assertThat(f.get("file").asText())
                .isEqualTo(dir.resolve("app/deployment.yaml").toString());
        assertThat(f.get("line").asInt()).isEqualTo(17);
        assertThat(f.get("object").get("namespace").asText()).isEqualTo("prod");
        assertThat(r.out()).doesNotContain("config.kubernetes.io/origin");
    }

    @Test
    void kustomizeOverlayFindingsPointAtTheBaseFileLineAndFixLeavesThemAlone() throws Exception {
        Requirements.tool("kubectl", "kubectl kustomize renders the kustomization under test");
        file("k/base/deployment.yaml", PRIVILEGED);
        file("k/base/kustomization.yaml", "resources: [deployment.yaml]\n");
        file(
                "k/overlays/prod/kustomization.yaml",
                "resources: [../../base]\nnamePrefix: prod-\nconfigMapGenerator:\n- name: cfg\n  literals: [a=b]\n");
        Cli r = Cli.run(dir, "--profile", "pss-baseline", "--format", "json", dir.resolve("k/overlays/prod") + "/");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode findings = new ObjectMapper().readTree(r.out()).get("findings");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).get("file").asText())
                .isEqualTo(dir.resolve("k/base/deployment.yaml").toString());
        assertThat(findings.get(0).get("line").asInt()).isEqualTo(17);
        assertThat(findings.get(0).get("object").get("name").asText()).isEqualTo("prod-web");

        Cli fix = Cli.run(
                dir,
                "--profile",
                "pss-baseline",
                "--fix",
                dir.resolve("k/overlays/prod").toString());
        assertThat(fix.err()).contains("--fix: 0 file(s) changed");
        assertThat(Files.readString(dir.resolve("k/base/deployment.yaml"))).isEqualTo(PRIVILEGED);
    }

    @Test
    void aBrokenKustomizationSaysWhyInOneLine() throws Exception {
        Requirements.tool("kubectl", "kubectl kustomize renders the kustomization under test");
        file("bad/kustomization.yaml", "resources: [missing.yaml]\n");
        Cli r = lint("--profile", "pss-baseline", dir.resolve("bad").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines())
                .anySatisfy(l -> assertThat(l)
                        .contains(dir.resolve("bad") + ": kubectl kustomize failed (exit 1): ")
                        .contains("missing.yaml"));
    }

    @Test
    void badInputsExitTwoWithOneLineEachWhileOtherFilesAreStillLinted() throws IOException {
        StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            bomb.append("]\n");
            prev = c;
        }
        file("in/1-alias-bomb.yaml", bomb.toString());
        file("in/2-deep.yaml", "a: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
        file("in/3-scalar.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  k: " + "x".repeat(3 << 20) + "\n");
        try (RandomAccessFile f =
                new RandomAccessFile(dir.resolve("in/4-huge.yaml").toFile(), "rw")) {
            f.setLength(100L << 20);
        }
        Files.write(dir.resolve("in/5-binary.yaml"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});
        file("in/6-helm.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n");
        file("in/7-good.yaml", PRIVILEGED);
        String in = dir.resolve("in").toString();
        Cli r = lint("--profile", "pss-baseline", in);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines())
                .containsExactly(
                        in + "/1-alias-bomb.yaml:6:29: more than 1000000 nodes in one document (alias expansion "
                                + "included)",
                        in + "/2-deep.yaml:1:103: nesting deeper than 100 levels",
                        in + "/3-scalar.yaml:4:6: a scalar of 3145728 characters exceeds the limit of 1048576",
                        in + "/4-huge.yaml: input is larger than the limit of 32 MiB (100.0 MiB)",
                        in + "/5-binary.yaml: not UTF-8 text (a binary file?)",
                        in + "/6-helm.yaml:4:10: unrendered Helm template ('{{ … }}'); render it first: helm "
                                + "template … | vigil lint -");
        assertThat(r.out()).contains("7-good.yaml:17:13  error    pss-privileged");
        assertThat(r.out())
                .endsWith("1 error, 0 warnings, 0 infos in 1 object from 7 files; 0 skipped, 6 unreadable\n");
    }

    @Test
    void listEntriesOfTheWrongShapeExitTwoWithOneLineEachNamingFileLineAndField() throws IOException {
        // a JSON manifest whose container list holds no objects, and a YAML one whose list is a mapping (the shapes
        // that made rules throw NullPointerException; found by ManifestLoadingFuzzTest)
        file("in/pod.json", """
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "json"},
                 "spec": {"containers": [null, "x", 1]}}
                """);
        file("in/pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: yaml}
                spec:
                  initContainers:
                    cpu: "0"
                  containers:
                    - name: app
                      image: registry.example/app:1.0
                      securityContext: {privileged: true}
                """);
        String in = dir.resolve("in").toString();
        Cli r = lint("--profile", "pss-baseline", in);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines())
                .containsExactly(
                        in + "/pod.json:2:26: spec.containers[0]: expected an object, got null (Pod/json); not checked",
                        in + "/pod.json:2:32: spec.containers[1]: expected an object, got string \"x\" (Pod/json); "
                                + "not checked",
                        in + "/pod.json:2:37: spec.containers[2]: expected an object, got number 1 (Pod/json); not "
                                + "checked",
                        in + "/pod.yaml:5:3: spec.initContainers: expected a list, got an object (Pod/yaml); not "
                                + "checked");
        assertThat(r.out()).contains("pod.yaml:10:25  error    pss-privileged");
        assertThat(r.out())
                .endsWith("1 error, 0 warnings, 0 infos in 2 objects from 2 files; 0 skipped, 4 unreadable\n");
    }

    @Test
    void missingPathsAreInputErrors() {
        Cli r = lint("--profile", "pss-baseline", "nowhere.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("nowhere.yaml: no such file or directory");
    }
}
