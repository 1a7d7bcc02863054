package dev.vigil.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.policy.Finding;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.Profiles;
import dev.vigil.policy.Report;
import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Namespace objects with Pod Security labels decide the level, version and severity of PSS findings. */
class NamespacePssTest {
    private static final String POD = """
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: NS}
            spec:
              containers:
                - name: app
                  image: registry.example/app:1.0
                  securityContext:
                    privileged: true
                    capabilities: {add: [SYS_ADMIN]}
            """;

    private static List<String> lint(String namespaces, String... podNamespaces) {
        // no PSS profile selected
        return lint(PolicyConfig.builder().profile(Profiles.BEST_PRACTICES).build(), namespaces, podNamespaces);
    }

    private static List<String> lint(PolicyConfig config, String namespaces, String... podNamespaces) {
        return evaluate(config, namespaces, podNamespaces).findings().stream()
                .filter(f -> f.ruleId().startsWith("pss-"))
                .map(NamespacePssTest::line)
                .toList();
    }

    private static Report evaluate(PolicyConfig config, String namespaces, String... podNamespaces) {
        StringBuilder yaml = new StringBuilder(namespaces);
        for (String ns : podNamespaces) {
            yaml.append(POD.replace("NS", ns));
        }
        LoadResult loaded = new ManifestLoader().loadText(yaml.toString(), "in.yaml");
        assertThat(loaded.problems()).isEmpty();
        return PolicyEngine.create(config).evaluate(loaded.resources());
    }

    private static String namespace(String name, String... labels) {
        StringBuilder b = new StringBuilder("---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ")
                .append(name)
                .append("\n  labels:\n");
        for (String l : labels) {
            b.append("    ").append(l).append('\n');
        }
        return b.toString();
    }

    private static final List<String> RESTRICTED_ERRORS = List.of(
            "pss-privileged error",
            "pss-capabilities-restricted error",
            "pss-capabilities-restricted error",
            "pss-allow-privilege-escalation error",
            "pss-run-as-non-root error",
            "pss-seccomp-restricted error");

    private static List<String> in(String ns, List<String> lines) {
        return lines.stream().map(l -> ns + " " + l).toList();
    }

    private static PolicyConfig profile(String profile) {
        return PolicyConfig.builder().profile(profile).build();
    }

    @Test
    void warnAndAuditLabelsNeverTurnChecksOff() {
        // the API server enforces nothing from warn/audit labels: the configured profiles still apply
        String namespaces = namespace("tools", "pod-security.kubernetes.io/warn: privileged")
                + namespace("batch", "pod-security.kubernetes.io/audit: privileged", "vigil.dev/warn: privileged");
        assertThat(lint(profile(Profiles.PSS_RESTRICTED), namespaces, "tools", "batch"))
                .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(
                                in("tools", RESTRICTED_ERRORS).stream(), in("batch", RESTRICTED_ERRORS).stream())
                        .toList());
        assertThat(lint(PolicyConfig.defaults(), namespaces, "tools"))
                .containsExactlyInAnyOrderElementsOf(in("tools", RESTRICTED_ERRORS));
    }

    @Test
    void anExplicitlyChosenProfileAppliesWhateverTheNamespaceEnforces() {
        String namespaces = namespace("kube-system", "pod-security.kubernetes.io/enforce: privileged")
                + namespace("legacy", "pod-security.kubernetes.io/enforce: baseline");
        assertThat(lint(profile(Profiles.PSS_RESTRICTED), namespaces, "kube-system", "legacy"))
                .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(
                                in("kube-system", RESTRICTED_ERRORS).stream(), in("legacy", RESTRICTED_ERRORS).stream())
                        .toList());
        // pss-baseline chosen explicitly: baseline everywhere; restricted only where the namespace enforces it
        assertThat(lint(profile(Profiles.PSS_BASELINE), namespaces, "kube-system"))
                .containsExactlyInAnyOrder(
                        "kube-system pss-privileged error", "kube-system pss-capabilities-baseline error");
    }

    @Test
    void theDefaultProfileYieldsToTheNamespacesEnforceLabel() {
        String namespaces = namespace("kube-system", "pod-security.kubernetes.io/enforce: privileged")
                + namespace("legacy", "pod-security.kubernetes.io/enforce: baseline");
        assertThat(lint(PolicyConfig.defaults(), namespaces, "kube-system", "legacy"))
                .containsExactlyInAnyOrder("legacy pss-privileged error", "legacy pss-capabilities-baseline error");
    }

    @Test
    void theReportSaysAtWhichLevelEachObjectWasCheckedAndWhy() {
        String namespaces = namespace("kube-system", "pod-security.kubernetes.io/enforce: privileged")
                + namespace("prod", "pod-security.kubernetes.io/enforce: restricted")
                + namespace(
                        "legacy",
                        "pod-security.kubernetes.io/enforce: baseline",
                        "pod-security.kubernetes.io/warn: restricted")
                + namespace("tools", "pod-security.kubernetes.io/warn: privileged");
        Report report =
                evaluate(PolicyConfig.defaults(), namespaces, "kube-system", "prod", "legacy", "tools", "plain");
        assertThat(report.pssChecks().stream()
                        .map(c -> c.resource().namespace() + " " + c.level() + " " + c.version() + ": " + c.reason())
                        .toList())
                .containsExactly(
                        "kube-system privileged latest: namespace kube-system:"
                                + " pod-security.kubernetes.io/enforce=privileged",
                        "prod restricted latest: namespace prod: pod-security.kubernetes.io/enforce=restricted",
                        "legacy baseline latest: namespace legacy: pod-security.kubernetes.io/enforce=baseline;"
                                + " restricted checks as warnings (namespace legacy:"
                                + " pod-security.kubernetes.io/warn=restricted"
                                + " (pod-security.kubernetes.io/enforce=baseline))",
                        "tools restricted latest: profile recommended");
        assertThat(report.findings().stream()
                        .filter(f -> f.ruleId().equals("pss-privileged"))
                        .map(f -> f.resource().namespace() + ": " + f.pss().reason())
                        .toList())
                .containsExactlyInAnyOrder(
                        "prod: namespace prod: pod-security.kubernetes.io/enforce=restricted",
                        "legacy: namespace legacy: pod-security.kubernetes.io/enforce=baseline",
                        "tools: profile recommended",
                        "plain: profile recommended");
        Report explicit = evaluate(profile(Profiles.PSS_RESTRICTED), namespaces, "kube-system");
        assertThat(explicit.pssChecks().get(0).reason())
                .isEqualTo("profile pss-restricted chosen explicitly (namespace kube-system has"
                        + " pod-security.kubernetes.io/enforce=privileged)");
        assertThat(explicit.findings())
                .filteredOn(f -> !f.ruleId().startsWith("pss-"))
                .allSatisfy(f -> assertThat(f.pss()).isNull());
    }

    @Test
    void theJsonReportCarriesTheLevelOnPssFindingsAndPerObject() throws Exception {
        String yaml = namespace("kube-system", "pod-security.kubernetes.io/enforce: privileged")
                + POD.replace("NS", "kube-system")
                + namespace("prod", "pod-security.kubernetes.io/enforce: restricted")
                + POD.replace("NS", "prod");
        LoadResult loaded = new ManifestLoader().loadText(yaml, "in.yaml");
        PolicyEngine engine = PolicyEngine.create(PolicyConfig.defaults());
        var result = dev.vigil.policy.report.LintResult.of(
                "1.0", java.nio.file.Path.of(""), loaded, engine, engine.evaluate(loaded.resources()));
        var json = new dev.vigil.policy.report.JsonReportWriter().toJson(result);
        assertThat(json.get("pssLevels").toString())
                .isEqualTo("[{\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"namespace\":\"kube-system\","
                        + "\"name\":\"p\"},\"file\":\"in.yaml\",\"line\":9,\"level\":\"privileged\","
                        + "\"version\":\"latest\",\"reason\":\"namespace kube-system:"
                        + " pod-security.kubernetes.io/enforce=privileged\"},"
                        + "{\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"namespace\":\"prod\","
                        + "\"name\":\"p\"},\"file\":\"in.yaml\",\"line\":27,\"level\":\"restricted\","
                        + "\"version\":\"latest\",\"reason\":\"namespace prod:"
                        + " pod-security.kubernetes.io/enforce=restricted\"}]");
        java.io.StringWriter text = new java.io.StringWriter();
        new dev.vigil.policy.report.TextReportWriter(false).write(result, text);
        assertThat(text.toString())
                .contains("Pod Security Standards levels of namespaces with Pod Security labels\n"
                        + "  kube-system  privileged (latest)  1 object  namespace kube-system:"
                        + " pod-security.kubernetes.io/enforce=privileged\n"
                        + "  prod  restricted (latest)  1 object  namespace prod:"
                        + " pod-security.kubernetes.io/enforce=restricted\n\n");
        for (var f : json.get("findings")) {
            boolean pss = f.get("ruleId").asText().startsWith("pss-");
            assertThat(f.has("pss")).as(f.toString()).isEqualTo(pss);
            if (pss) {
                assertThat(f.get("pss").get("reason").asText())
                        .isEqualTo("namespace prod: pod-security.kubernetes.io/enforce=restricted");
            }
        }
    }

    private static String line(Finding f) {
        return f.resource().namespace() + " " + f.ruleId() + " " + f.severity().id();
    }

    @Test
    void enforceIsAnErrorWarnAndAuditAreWarningsAndOtherNamespacesFollowTheConfiguration() {
        String namespaces = """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: prod
                  labels:
                    pod-security.kubernetes.io/enforce: restricted
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: legacy
                  labels:
                    pod-security.kubernetes.io/enforce: baseline
                    pod-security.kubernetes.io/enforce-version: v1.24
                    pod-security.kubernetes.io/warn: restricted
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: sandbox
                  labels:
                    pod-security.kubernetes.io/enforce: restricted
                    vigil.dev/enforce: privileged
                    vigil.dev/audit: baseline
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: plain
                """;
        assertThat(lint(namespaces, "prod", "legacy", "sandbox", "plain"))
                .containsExactlyInAnyOrder(
                        "prod pss-privileged error",
                        "prod pss-capabilities-restricted error", // drop ALL missing
                        "prod pss-capabilities-restricted error", // SYS_ADMIN added
                        "prod pss-allow-privilege-escalation error",
                        "prod pss-run-as-non-root error",
                        "prod pss-seccomp-restricted error",
                        "legacy pss-privileged error",
                        "legacy pss-capabilities-baseline error",
                        "legacy pss-capabilities-restricted warning",
                        "legacy pss-capabilities-restricted warning",
                        "legacy pss-allow-privilege-escalation warning",
                        "legacy pss-run-as-non-root warning",
                        "legacy pss-seccomp-restricted warning",
                        "sandbox pss-privileged warning",
                        "sandbox pss-capabilities-baseline warning");
    }

    @Test
    void withoutLabelledNamespacesPssRulesFollowTheProfilesOnly() {
        assertThat(lint("", "prod")).isEmpty();
    }
}
