package dev.vigil.policy.rules.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.policy.Finding;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.Rule;
import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import dev.vigil.policy.rules.BuiltInRules;
import dev.vigil.testsupport.Requirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays kube-linter's own check fixtures ({@code conformance/kube-linter/tests/checks} of the shared fixtures
 * folder; skipped visibly when absent, a failure under {@code -Dvigil.strict=true}) through the equivalent Vigil rules
 * and compares with what kube-linter's end-to-end tests expect, as that folder's README transcribes them: the exit
 * code, the number of reports and the object kind of each listed report, read from the README here (never typed
 * into this test). Each case also pins the exact findings Vigil produces; where Vigil reports differently on
 * purpose, {@code deviation} says why and the kube-linter comparison is replaced by that recorded reason.
 */
class KubeLinterParityTest {
    /**
     * @param check kube-linter check (and fixture file name)
     * @param rules the Vigil rules that cover it
     * @param expected Vigil's findings as {@code rule Kind/name}
     * @param deviation why Vigil reports differently, or null when it reports the same objects
     */
    record Case(String check, Set<String> rules, List<String> expected, String deviation) {
        @Override
        public String toString() {
            return check + " -> " + rules;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                reportedElsewhere(
                        "access-to-create-pods",
                        "rbac-create-pods",
                        "Role/role1",
                        "kube-linter reports the RoleBinding to the role; Vigil reports the Role's rule itself"),
                reportedElsewhere(
                        "access-to-secrets",
                        "rbac-secrets-access",
                        "Role/role1",
                        "kube-linter reports the RoleBinding to the role; Vigil reports the Role's rule itself"),
                same("cluster-admin-role-binding", "rbac-cluster-admin-binding", "ClusterRoleBinding/role-binding1"),
                same("default-service-account", "default-service-account", "Deployment/app", "DeploymentConfig/app"),
                same("docker-sock", "container-runtime-socket", "Deployment/app", "DeploymentConfig/app"),
                new Case(
                        "drop-net-raw-capability",
                        Set.of("dangerous-capabilities", "net-raw-not-dropped"),
                        List.of(
                                "dangerous-capabilities Deployment/app",
                                "dangerous-capabilities DeploymentConfig/app",
                                "net-raw-not-dropped Deployment/dont-fire",
                                "net-raw-not-dropped DeploymentConfig/dont-fire"),
                        "kube-linter reports the containers that add NET_RAW twice and skips 'dont-fire', whose"
                                + " empty capabilities keep NET_RAW; Vigil reports the addition once and the missing"
                                + " drop once"),
                new Case(
                        "env-var-secret",
                        Set.of("env-secret-literal", "env-secret-name-literal"),
                        List.of(),
                        "SECRET_BLAH=secretsquirrels: a name's last word says what it holds (BLAH), the secret"
                                + " word only qualifies it, as in TOKEN_AUDIENCE or SECRET_NAME; and the value is a"
                                + " single lower-case word, no credential shape. Vigil trades this recall for"
                                + " precision"),
                same("exposed-services", "service-nodeport", "Service/app"),
                same("latest-tag", "image-tag-latest", "Deployment/app", "DeploymentConfig/app"),
                same("mismatching-selector", "mismatching-selector", "Deployment/app1", "DeploymentConfig/app2"),
                same("no-read-only-root-fs", "read-only-root-filesystem", "Deployment/app1", "DeploymentConfig/app2"),
                same(
                        "non-existent-service-account",
                        "non-existent-service-account",
                        "Deployment/app",
                        "DeploymentConfig/app"),
                same("non-isolated-pod", "network-policy-missing", "Deployment/app1", "DeploymentConfig/app2"),
                same("privileged-ports", "privileged-port", "Deployment/app1", "DeploymentConfig/app2"),
                same("read-secret-from-env-var", "env-secret-key-ref", "Deployment/app1", "DeploymentConfig/app2"),
                new Case(
                        "run-as-non-root",
                        Set.of("run-as-non-root", "run-as-root-group"),
                        List.of(
                                "run-as-non-root Deployment/app1",
                                "run-as-non-root DeploymentConfig/app2",
                                "run-as-root-group Deployment/group-zero",
                                "run-as-root-group DeploymentConfig/group-zero"),
                        null),
                same("sensitive-host-mounts", "sensitive-host-path", "Deployment/app1", "DeploymentConfig/app2"),
                new Case(
                        "ssh-port",
                        Set.of("ssh-port"),
                        List.of(
                                "ssh-port Deployment/app1",
                                "ssh-port DeploymentConfig/app2",
                                "ssh-port DeploymentConfig/app3"),
                        null),
                same("unset-cpu-requirements", "cpu-requests", "Deployment/app1", "DeploymentConfig/app2"),
                same("unset-memory-requirements", "memory-limits", "Deployment/app1", "DeploymentConfig/app2"),
                same("use-namespace", "default-namespace", "Deployment/app1"),
                same("wildcard-in-rules", "rbac-wildcard", "Role/role1"),
                same("writable-host-mount", "writable-host-path", "Deployment/app1", "DeploymentConfig/app2"));
    }

    private static Case same(String check, String rule, String... objects) {
        return new Case(
                check, Set.of(rule), Stream.of(objects).map(o -> rule + " " + o).toList(), null);
    }

    private static Case reportedElsewhere(String check, String rule, String object, String deviation) {
        return new Case(check, Set.of(rule), List.of(rule + " " + object), deviation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vigilReportsWhatKubeLinterReportsOrSaysWhyNot(Case c) {
        Path fixture = fixtures().resolve(c.check() + ".yml");
        Requirements.path("kube-linter-fixtures", fixture, "kube-linter's own check fixtures");
        LoadResult loaded = new ManifestLoader().load(List.of(fixture.toString()));
        assertThat(loaded.problems()).isEmpty();
        List<Rule> rules = BuiltInRules.all().stream()
                .filter(r -> c.rules().contains(r.metadata().id()))
                .toList();
        assertThat(rules).hasSize(c.rules().size());
        List<String> actual =
                PolicyEngine.create(PolicyConfig.defaults(), rules).evaluate(loaded.resources()).findings().stream()
                        .map(KubeLinterParityTest::describe)
                        .sorted()
                        .toList();
        // Vigil's own findings, pinned (a change in them is a decision, not drift)
        assertThat(actual).isEqualTo(c.expected().stream().sorted().toList());

        // kube-linter's expectation, read from the fixtures' README (transcribed from its bats tests), not typed here
        KubeLinterExpectation kl = kubeLinterExpectations().get(c.check());
        assertThat(kl)
                .as("kube-linter's expectation for %s.yml in the fixtures README", c.check())
                .isNotNull();
        assertThat(kl.exit()).as("kube-linter exits 1 on this fixture").isEqualTo(1);
        if (c.deviation() == null) {
            assertThat(actual)
                    .as("as many reports as kube-linter's test expects")
                    .hasSize(kl.reports());
            List<String> vigilKinds = new ArrayList<>(loadedKinds(actual));
            for (String kind : kl.kinds()) {
                assertThat(vigilKinds.remove(kind))
                        .as("kube-linter reports a %s (%s); Vigil reports %s", kind, kl, actual)
                        .isTrue();
            }
        } else {
            assertThat(c.deviation()).as("a deviation says why").hasSizeGreaterThan(20);
        }
    }

    /**
     * {@code cel.yml} (bats test {@code template-cel}) lacks a {@code ---} before its fifth document, so that document
     * holds {@code apiVersion}, {@code kind} and {@code metadata} twice: a ServiceAccount and a Service written as one.
     * kube-linter decodes YAML non-strictly, the last value wins, and reads it as the Service {@code dontfire/dont-fire}.
     * Vigil refuses that document on purpose (one line, exit 2) and reads the others: YAML 1.2 requires unique keys,
     * {@code kubectl kustomize} refuses it ({@code mapping key "apiVersion" already defined}) and so does the API
     * server's strict field validation (kubectl's default), and a reviewer cannot tell which of two values a tool will
     * take. kube-linter's own CEL checks ({@code e2etests/testdata/cel-config.yaml}), run as Vigil custom rules
     * ({@code cel: (check) == ""}, {@code messageExpression: check}), then report what kube-linter's test expects, plus
     * the three {@code dont-fire*} ServiceMonitors whose only matching Service was the refused document.
     */
    @org.junit.jupiter.api.Test
    void celFixtureDocumentWithDuplicateKeysIsRefusedOnPurposeAndTheCelChecksAgreeOtherwise() throws Exception {
        Path fixture = fixtures().resolve("cel.yml");
        Requirements.path("kube-linter-fixtures", fixture, "kube-linter's own check fixtures");
        LoadResult loaded = new ManifestLoader().load(List.of(fixture.toString()));
        assertThat(loaded.problems())
                .extracting(Object::toString)
                .containsExactly(fixture + ":36:1: duplicate key 'apiVersion'; the document is not linted");
        assertThat(loaded.resources()).hasSize(15);

        PolicyEngine engine = PolicyEngine.create(dev.vigil.policy.config.ConfigFile.parse(
                        celChecksAsCustomRules(fixtures().resolve("../../e2etests/testdata/cel-config.yaml")),
                        ".vigil.yaml",
                        Set.of())
                .builder()
                .profile("pss-baseline")
                .build());
        List<String> actual = engine.evaluate(loaded.resources()).findings().stream()
                .filter(f -> f.ruleId().startsWith("cel-") || f.ruleId().equals("invalid-irsa-role"))
                .map(f -> f.resource().kind() + "/" + f.resource().name() + ": " + f.message())
                .toList();
        String noService = "no services found matching the service monitor's label selector and namespace selector";
        assertThat(actual)
                .containsExactly(
                        "Deployment/fire: Object has reloader annotation",
                        "ServiceAccount/bad-irsa-role: Invalid EKS IAM role ARN format",
                        "ServiceMonitor/dont-fire: " + noService,
                        "ServiceMonitor/dont-fire2: " + noService,
                        "ServiceMonitor/dont-fire: " + noService,
                        "ServiceMonitor/app1: " + noService,
                        "ServiceMonitor/app2: " + noService,
                        "ServiceMonitor/app1: " + noService,
                        "ServiceMonitor/app1: " + noService);

        // kube-linter's expectation, from the README: the same reports once the refused document's three are set aside
        KubeLinterExpectation kl = kubeLinterExpectations().get("cel");
        List<String> agreed = actual.stream()
                .filter(a -> !a.startsWith("ServiceMonitor/dont-fire"))
                .toList();
        assertThat(agreed).hasSize(kl.reports());
        assertThat(agreed.stream().map(a -> a.substring(0, a.indexOf('/'))).toList())
                .isEqualTo(kl.kinds());
    }

    /** kube-linter's {@code cel-expression} custom checks as a {@code .vigil.yaml} with the same checks. */
    private static String celChecksAsCustomRules(Path kubeLinterConfig) throws IOException {
        Path config = Requirements.path("kube-linter-fixtures", kubeLinterConfig, "kube-linter's CEL check config");
        Object parsed = new org.snakeyaml.engine.v2.api.Load(
                        org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                .loadFromString(Files.readString(config));
        StringBuilder out = new StringBuilder("customRules:\n");
        for (Object o : (List<?>) ((Map<?, ?>) parsed).get("customChecks")) {
            Map<?, ?> check = (Map<?, ?>) o;
            List<String> kinds = new ArrayList<>();
            for (Object scope : (List<?>) ((Map<?, ?>) check.get("scope")).get("objectKinds")) {
                kinds.addAll(
                        scope.equals("DeploymentLike")
                                ? List.of(
                                        "Deployment",
                                        "StatefulSet",
                                        "DaemonSet",
                                        "ReplicaSet",
                                        "Job",
                                        "CronJob",
                                        "Pod",
                                        "DeploymentConfig")
                                : List.of(scope.toString()));
            }
            String expr =
                    ((Map<?, ?>) check.get("params")).get("check").toString().strip();
            out.append("- id: ")
                    .append(check.get("name"))
                    .append('\n')
                    .append("  severity: error\n")
                    .append("  title: ")
                    .append(json(check.get("description").toString()))
                    .append('\n')
                    .append("  kinds: ")
                    .append(json(kinds))
                    .append('\n')
                    .append("  cel: ")
                    .append(json("(" + expr + ") == \"\""))
                    .append('\n')
                    .append("  messageExpression: ")
                    .append(json(expr))
                    .append('\n');
        }
        return out.toString();
    }

    /** A JSON (hence YAML flow) literal of {@code value}. */
    private static String json(Object value) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    }

    /** What kube-linter's end-to-end test asserts for one fixture: exit code, report count, kinds of listed reports. */
    record KubeLinterExpectation(int exit, int reports, List<String> kinds) {}

    private static final Pattern SECTION = Pattern.compile("^### ([a-z0-9-]+)\\.yml\\b.*$");
    private static final Pattern COUNTS = Pattern.compile("\\| exit=(\\d+) \\| reports=(\\d+)");
    private static final Pattern REPORT = Pattern.compile("^- \\[\\d+\\][=~] ([A-Za-z]+): .*$");

    /** Parses "## Expected outcome per file" of {@code conformance/kube-linter/README.md}. */
    static Map<String, KubeLinterExpectation> kubeLinterExpectations() {
        Path readme = Requirements.path(
                "kube-linter-fixtures",
                fixtures().resolve("../../README.md").normalize(),
                "kube-linter's expectations (README of the fixtures)");
        Map<String, KubeLinterExpectation> out = new LinkedHashMap<>();
        String current = null;
        int exit = -1;
        int reports = -1;
        List<String> kinds = new ArrayList<>();
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(readme));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines.add("### end.yml");
        for (String line : lines) {
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                if (current != null) {
                    out.put(current, new KubeLinterExpectation(exit, reports, List.copyOf(kinds)));
                }
                current = section.group(1);
                exit = -1;
                reports = -1;
                kinds.clear();
                continue;
            }
            Matcher counts = COUNTS.matcher(line);
            if (current != null && line.startsWith("flags:") && counts.find()) {
                exit = Integer.parseInt(counts.group(1));
                reports = Integer.parseInt(counts.group(2));
            }
            Matcher report = REPORT.matcher(line);
            if (current != null && report.matches()) {
                kinds.add(report.group(1));
            }
        }
        return out;
    }

    private static List<String> loadedKinds(List<String> findings) {
        return findings.stream()
                .map(f -> f.substring(f.indexOf(' ') + 1, f.indexOf('/')))
                .toList();
    }

    private static String describe(Finding f) {
        return f.ruleId() + " " + f.resource().kind() + "/" + f.resource().name();
    }

    /** {@code conformance/kube-linter/tests/checks} of the shared fixtures folder. */
    static Path fixtures() {
        return Requirements.sharedDir().resolve("conformance/kube-linter/tests/checks");
    }
}
