package dev.vigil.policy.rules.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.policy.Finding;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.load.ManifestLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeprecatedApiVersionTest {
    private static final String MANIFESTS = """
            apiVersion: batch/v1beta1
            kind: CronJob
            metadata: {name: nightly}
            spec:
              schedule: "0 0 * * *"
              jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: x:1}]}}}}
            ---
            apiVersion: v1
            kind: Endpoints
            metadata: {name: external}
            subsets: []
            """;

    private static List<String> messages(String kubeVersion) {
        PolicyConfig config = PolicyConfig.builder().kubeVersion(kubeVersion).build();
        return PolicyEngine.create(config, List.of(new DeprecatedApiVersion()))
                .evaluate(new ManifestLoader().loadText(MANIFESTS, "in.yaml").resources())
                .findings()
                .stream()
                .map(Finding::message)
                .toList();
    }

    @Test
    void beforeTheDeprecationNothingIsReported() {
        assertThat(messages("v1.20")).isEmpty();
    }

    @Test
    void betweenDeprecationAndRemovalTheVersionIsDeprecated() {
        assertThat(messages("v1.23"))
                .containsExactly("batch/v1beta1 CronJob is deprecated since Kubernetes 1.21 and removed in 1.25; use"
                        + " batch/v1");
    }

    @Test
    void fromTheRemovalOnTheVersionIsRemoved() {
        assertThat(messages("v1.33"))
                .containsExactly(
                        "batch/v1beta1 CronJob was removed in Kubernetes 1.25 (deprecated since 1.21); use batch/v1",
                        "v1 Endpoints is deprecated since Kubernetes 1.33; use discovery.k8s.io/v1 EndpointSlice");
    }

    @Test
    void removedVersionsAreErrorsAndServedDeprecatedOnesWarnings() {
        PolicyConfig config = PolicyConfig.builder().kubeVersion("v1.33").build();
        assertThat(PolicyEngine.create(config, List.of(new DeprecatedApiVersion()))
                        .evaluate(new ManifestLoader()
                                .loadText(MANIFESTS, "in.yaml")
                                .resources())
                        .findings()
                        .stream()
                        .map(f -> f.resource().kind() + " " + f.severity().id())
                        .toList())
                .containsExactly("CronJob error", "Endpoints warning");
        // before its removal, the CronJob's version is served: a warning too
        assertThat(PolicyEngine.create(
                                PolicyConfig.builder().kubeVersion("v1.23").build(),
                                List.of(new DeprecatedApiVersion()))
                        .evaluate(new ManifestLoader()
                                .loadText(MANIFESTS, "in.yaml")
                                .resources())
                        .findings()
                        .stream()
                        .map(f -> f.severity().id())
                        .toList())
                .containsExactly("warning");
    }

    @Test
    void theSchemaProfileAloneReportsRemovedBuiltInApis() {
        PolicyConfig config =
                PolicyConfig.builder().profile("schema").kubeVersion("v1.33").build();
        String removed = """
                apiVersion: extensions/v1beta1
                kind: DaemonSet
                metadata: {name: fluentd}
                spec:
                  template:
                    spec:
                      containers: [{name: c, image: fluent/fluentd:v1.16}]
                ---
                apiVersion: policy/v1beta1
                kind: PodSecurityPolicy
                metadata: {name: restricted}
                spec: {privileged: false}
                ---
                apiVersion: apps/v1beta2
                kind: Deployment
                metadata: {name: web}
                spec:
                  bogusField: true
                  template: {spec: {containers: [{name: c, image: x:1}]}}
                """;
        assertThat(PolicyEngine.create(config)
                        .evaluate(new ManifestLoader()
                                .loadText(removed, "in.yaml")
                                .resources())
                        .findings()
                        .stream()
                        .map(f -> f.ruleId() + " " + f.severity().id() + " "
                                + f.resource().kind())
                        .toList())
                .containsExactly(
                        "deprecated-api-version error DaemonSet",
                        "deprecated-api-version error PodSecurityPolicy",
                        "deprecated-api-version error Deployment");
    }

    @Test
    void withoutATargetEveryDeprecationCounts() {
        assertThat(messages(null)).hasSize(2);
        assertThat(DeprecatedApiVersion.targetMinor("1.29")).isEqualTo(29);
        assertThat(DeprecatedApiVersion.targetMinor("v1.30.2")).isEqualTo(30);
        assertThat(DeprecatedApiVersion.targetMinor("latest")).isEqualTo(Integer.MAX_VALUE);
    }
}
