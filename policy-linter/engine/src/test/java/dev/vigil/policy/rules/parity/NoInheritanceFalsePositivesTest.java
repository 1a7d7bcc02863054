package dev.vigil.policy.rules.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.policy.Finding;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.load.ManifestLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The top false-positive class of Checkov, Polaris, Trivy and kube-score: settings made once at pod level
 * ({@code spec.securityContext}) are not seen by container-level checks. A workload hardened at pod level, with
 * only the container-only fields on its containers (init, regular and ephemeral), must lint clean under the whole
 * {@code recommended} profile — PSS restricted and every best-practice rule.
 */
class NoInheritanceFalsePositivesTest {
    private static final String HARDENED_AT_POD_LEVEL = """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: web
              namespace: shop
            automountServiceAccountToken: false
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              labels: {app.kubernetes.io/name: web}
            spec:
              replicas: 3
              selector:
                matchLabels: {app.kubernetes.io/name: web}
              template:
                metadata:
                  labels: {app.kubernetes.io/name: web}
                spec:
                  serviceAccountName: web
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 10001
                    runAsGroup: 10001
                    fsGroup: 10001
                    seccompProfile: {type: RuntimeDefault}
                  topologySpreadConstraints:
                    - maxSkew: 1
                      topologyKey: kubernetes.io/hostname
                      whenUnsatisfiable: ScheduleAnyway
                      labelSelector:
                        matchLabels: {app.kubernetes.io/name: web}
                  initContainers:
                    - name: migrate
                      image: registry.example/shop/migrate:2.0@sha256:1111111111111111111111111111111111111111111111111111111111111111
                      resources:
                        requests: {cpu: 50m, memory: 64Mi}
                        limits: {cpu: 500m, memory: 128Mi}
                      securityContext: &container
                        readOnlyRootFilesystem: true
                        allowPrivilegeEscalation: false
                        capabilities: {drop: [ALL]}
                  containers:
                    - name: web
                      image: registry.example/shop/web:2.0@sha256:2222222222222222222222222222222222222222222222222222222222222222
                      ports: [{name: http, containerPort: 8080}]
                      livenessProbe:
                        httpGet: {path: /healthz, port: http}
                      readinessProbe:
                        httpGet: {path: /ready, port: http}
                      resources:
                        requests: {cpu: 100m, memory: 128Mi}
                        limits: {cpu: "1", memory: 256Mi}
                      securityContext: *container
                  ephemeralContainers:
                    - name: debug
                      image: registry.example/tools/debug:1.0@sha256:3333333333333333333333333333333333333333333333333333333333333333
                      securityContext: *container
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: web
              namespace: shop
            spec:
              maxUnavailable: 1
              unhealthyPodEvictionPolicy: AlwaysAllow
              selector:
                matchLabels: {app.kubernetes.io/name: web}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: web
              namespace: shop
            spec:
              podSelector:
                matchLabels: {app.kubernetes.io/name: web}
              policyTypes: [Ingress]
            """;

    private static List<String> findings(String yaml) {
        return findings(yaml, "pss-restricted", "best-practices");
    }

    private static List<String> findings(String yaml, String... profiles) {
        var loaded = new ManifestLoader().loadText(yaml, "in.yaml");
        assertThat(loaded.problems()).isEmpty();
        return PolicyEngine.create(
                        PolicyConfig.builder().profiles(List.of(profiles)).build())
                .evaluate(loaded.resources())
                .findings()
                .stream()
                .map(NoInheritanceFalsePositivesTest::describe)
                .toList();
    }

    private static String describe(Finding f) {
        return f.position().line() + " " + f.ruleId() + ": " + f.message();
    }

    @Test
    void podLevelSettingsSatisfyEveryContainerCheck() {
        assertThat(findings(HARDENED_AT_POD_LEVEL)).isEmpty();
    }

    @Test
    void aContainerOverrideIsStillCaught() {
        String overridden = HARDENED_AT_POD_LEVEL.replace(
                "          securityContext: *container\n      ephemeralContainers:",
                "          securityContext:\n"
                        + "            runAsUser: 0\n"
                        + "            readOnlyRootFilesystem: true\n"
                        + "            allowPrivilegeEscalation: false\n"
                        + "            capabilities: {drop: [ALL]}\n"
                        + "      ephemeralContainers:");
        assertThat(overridden).isNotEqualTo(HARDENED_AT_POD_LEVEL);
        assertThat(findings(overridden, "best-practices"))
                .singleElement()
                .asString()
                .endsWith(" run-as-non-root: container \"web\" runs as UID 0 (root)");
        assertThat(findings(overridden))
                .singleElement()
                .asString()
                .contains(" pss-run-as-user: ")
                .contains("\"web\"");
    }
}
