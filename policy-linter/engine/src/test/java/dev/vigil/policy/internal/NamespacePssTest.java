package dev.vigil.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.policy.Finding;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.Profiles;
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
        StringBuilder yaml = new StringBuilder(namespaces);
        for (String ns : podNamespaces) {
            yaml.append(POD.replace("NS", ns));
        }
        LoadResult loaded = new ManifestLoader().loadText(yaml.toString(), "in.yaml");
        assertThat(loaded.problems()).isEmpty();
        PolicyConfig config =
                PolicyConfig.builder().profile(Profiles.BEST_PRACTICES).build(); // no PSS profile selected
        return PolicyEngine.create(config).evaluate(loaded.resources()).findings().stream()
                .filter(f -> f.ruleId().startsWith("pss-"))
                .map(NamespacePssTest::line)
                .toList();
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
