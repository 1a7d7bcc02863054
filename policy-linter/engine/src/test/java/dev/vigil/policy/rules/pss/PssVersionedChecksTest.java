package dev.vigil.policy.rules.pss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.PssVersion;
import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The version boundaries and relaxations of the Pod Security Standards rules, one by one, with the exact messages and
 * positions users see — including what the upstream fixtures do not exercise.
 */
class PssVersionedChecksTest {
    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
            """;

    /** Findings as {@code line rule-id: message}, under profile {@code pss-<level>} at {@code version}. */
    private static List<String> lint(String level, String version, String yaml) {
        LoadResult loaded = new ManifestLoader().loadText(yaml, "pod.yaml");
        assertThat(loaded.problems()).isEmpty();
        PolicyConfig config = PolicyConfig.builder()
                .profile("pss-" + level)
                .pssVersion(PssVersion.parse(version))
                .build();
        return PolicyEngine.create(config).evaluate(loaded.resources()).findings().stream()
                .map(f -> f.position().line() + " " + f.ruleId() + ": " + f.message())
                .toList();
    }

    private static final String RESTRICTED_CONTAINER = """
              containers:
                - name: app
                  image: registry.example/app:1.0
                  securityContext:
                    allowPrivilegeEscalation: false
                    capabilities:
                      drop: [ALL]
            """;

    @Test
    void seLinuxContainerEngineTypeIsAllowedFromV131() {
        String pod = POD + """
                  securityContext:
                    seLinuxOptions:
                      type: container_engine_t
                  containers:
                    - name: app
                      image: registry.example/app:1.0
                """;
        assertThat(lint("baseline", "v1.30", pod))
                .containsExactly(
                        "8 pss-selinux-options: pod must not set securityContext.seLinuxOptions.type to \"container_engine_t\"");
        assertThat(lint("baseline", "v1.31", pod)).isEmpty();
        assertThat(lint("baseline", "latest", pod)).isEmpty();
    }

    @Test
    void safeSysctlsGrowWithTheVersion() {
        String pod = POD + """
                  securityContext:
                    sysctls:
                      - name: net.ipv4.ip_local_reserved_ports
                        value: "30000"
                      - name: net.ipv4.tcp_rmem
                        value: "4096 87380 16777216"
                      - name: net.ipv4.tcp_notsent_lowat
                        value: "16384"
                  containers:
                    - name: app
                      image: registry.example/app:1.0
                """;
        assertThat(lint("baseline", "v1.26", pod))
                .containsExactly(
                        "8 pss-sysctls: pod must not set forbidden sysctl \"net.ipv4.ip_local_reserved_ports\"",
                        "10 pss-sysctls: pod must not set forbidden sysctl \"net.ipv4.tcp_rmem\"",
                        "12 pss-sysctls: pod must not set forbidden sysctl \"net.ipv4.tcp_notsent_lowat\"");
        assertThat(lint("baseline", "v1.31", pod))
                .containsExactly(
                        "10 pss-sysctls: pod must not set forbidden sysctl \"net.ipv4.tcp_rmem\"",
                        "12 pss-sysctls: pod must not set forbidden sysctl \"net.ipv4.tcp_notsent_lowat\"");
        assertThat(lint("baseline", "v1.36", pod))
                .containsExactly("12 pss-sysctls: pod must not set forbidden sysctl \"net.ipv4.tcp_notsent_lowat\"");
        assertThat(lint("baseline", "v1.37", pod)).isEmpty();
    }

    @Test
    void seccompUsesTheAlphaAnnotationsBeforeV119AndTheFieldsFrom() {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  annotations:
                    container.seccomp.security.alpha.kubernetes.io/app: unconfined
                spec:
                  securityContext:
                    seccompProfile:
                      type: Unconfined
                  containers:
                    - name: app
                      image: registry.example/app:1.0
                """;
        assertThat(lint("baseline", "v1.18", pod))
                .containsExactly("6 pss-seccomp-baseline: pod must not set forbidden annotation"
                        + " container.seccomp.security.alpha.kubernetes.io/app=\"unconfined\"");
        assertThat(lint("baseline", "v1.19", pod))
                .containsExactly(
                        "10 pss-seccomp-baseline: pod must not set securityContext.seccompProfile.type to \"Unconfined\"");
    }

    @Test
    void restrictedChecksReplaceTheirBaselineChecksWithoutDuplicates() {
        String pod = POD + """
                  securityContext:
                    runAsNonRoot: true
                    seccompProfile:
                      type: Unconfined
                  containers:
                    - name: app
                      image: registry.example/app:1.0
                      securityContext:
                        allowPrivilegeEscalation: false
                        capabilities:
                          drop: [ALL]
                          add: [NET_RAW]
                """;
        assertThat(lint("restricted", "latest", pod))
                .containsExactly(
                        "9 pss-seccomp-restricted: pod must not set securityContext.seccompProfile.type to \"Unconfined\"",
                        "17 pss-capabilities-restricted: container \"app\" must not include \"NET_RAW\" in"
                                + " securityContext.capabilities.add");
        // before the restricted capabilities check exists (v1.22), the baseline one applies at restricted
        assertThat(lint("restricted", "v1.21", pod))
                .containsExactly(
                        "9 pss-seccomp-restricted: pod must not set securityContext.seccompProfile.type to \"Unconfined\"",
                        "17 pss-capabilities-baseline: container \"app\" must not include \"NET_RAW\" in"
                                + " securityContext.capabilities.add");
    }

    @Test
    void windowsPodsAreExemptFromThreeRestrictedChecksFromV125() {
        String pod = POD + """
                  os:
                    name: windows
                  securityContext:
                    runAsNonRoot: true
                  containers:
                    - name: app
                      image: registry.example/app:1.0
                """;
        assertThat(lint("restricted", "v1.24", pod))
                .containsExactly(
                        "11 pss-allow-privilege-escalation: container \"app\" must set"
                                + " securityContext.allowPrivilegeEscalation=false",
                        "11 pss-capabilities-restricted: container \"app\" must set"
                                + " securityContext.capabilities.drop=[\"ALL\"]",
                        "11 pss-seccomp-restricted: pod or container \"app\" must set securityContext.seccompProfile.type"
                                + " to \"RuntimeDefault\" or \"Localhost\"");
        assertThat(lint("restricted", "v1.25", pod)).isEmpty();
    }

    @Test
    void windowsPodAddingNetRawPassesRestrictedButNotBaselineAsUpstream() {
        String pod = POD + """
                  os:
                    name: windows
                  securityContext:
                    runAsNonRoot: true
                  containers:
                    - name: app
                      image: registry.example/app:1.0
                      securityContext:
                        capabilities:
                          add: [NET_RAW]
                """;
        assertThat(lint("restricted", "latest", pod)).isEmpty();
        assertThat(lint("baseline", "latest", pod))
                .containsExactly("15 pss-capabilities-baseline: container \"app\" must not include \"NET_RAW\" in"
                        + " securityContext.capabilities.add");
    }

    @Test
    void userNamespacePodsAreRelaxedFromV135() {
        String pod =
                POD + """
                  hostUsers: false
                  securityContext:
                    runAsUser: 0
                    seccompProfile:
                      type: RuntimeDefault
                """ + RESTRICTED_CONTAINER.replace("drop: [ALL]", "drop: [ALL]\n        procMount: Unmasked");
        assertThat(lint("restricted", "v1.34", pod))
                .containsExactly(
                        "8 pss-run-as-user: pod must not set runAsUser=0",
                        "14 pss-run-as-non-root: pod or container \"app\" must set securityContext.runAsNonRoot=true",
                        "18 pss-proc-mount: container \"app\" must not set securityContext.procMount to \"Unmasked\"");
        assertThat(lint("restricted", "v1.35", pod))
                .containsExactly("18 pss-proc-mount-restricted: container \"app\" must not set"
                        + " securityContext.procMount to \"Unmasked\"");
        assertThat(lint("baseline", "v1.34", pod))
                .containsExactly(
                        "18 pss-proc-mount: container \"app\" must not set securityContext.procMount to \"Unmasked\"");
        assertThat(lint("baseline", "v1.35", pod)).isEmpty();
    }

    @Test
    void checksStartAtTheirUpstreamVersion() {
        String pod = POD + """
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 0
                  containers:
                    - name: app
                      image: registry.example/app:1.0
                      livenessProbe:
                        httpGet:
                          host: 10.0.0.1
                          port: 80
                """;
        assertThat(lint("restricted", "v1.7", pod)).isEmpty();
        assertThat(lint("restricted", "v1.8", pod))
                .containsExactly("10 pss-allow-privilege-escalation: container \"app\" must set"
                        + " securityContext.allowPrivilegeEscalation=false");
        assertThat(lint("restricted", "v1.23", pod))
                .contains("8 pss-run-as-user: pod must not set runAsUser=0")
                .noneMatch(f -> f.contains("pss-host-probes-lifecycle"));
        assertThat(lint("baseline", "v1.33", pod)).isEmpty();
        assertThat(lint("baseline", "v1.34", pod))
                .containsExactly("14 pss-host-probes-lifecycle: container \"app\" must not set"
                        + " livenessProbe.httpGet.host=\"10.0.0.1\"");
    }

    @Test
    void appArmorFieldsAndImageVolumesAreJudgedTheSameAtEveryVersion() {
        String pod = POD + """
                  securityContext:
                    runAsNonRoot: true
                    appArmorProfile:
                      type: Unconfined
                  containers:
                    - name: app
                      image: registry.example/app:1.0
                  volumes:
                    - name: model
                      image:
                        reference: registry.example/model:1.0
                    - name: nfs
                      nfs:
                        server: nfs.example
                        path: /
                """;
        for (String version : List.of("v1.0", "v1.25", "latest")) {
            assertThat(lint("restricted", version, pod).stream()
                            .filter(f -> !f.contains("seccomp")
                                    && !f.contains("allow-privilege")
                                    && !f.contains("capabilities"))
                            .toList())
                    .as(version)
                    .containsExactly(
                            "9 pss-apparmor: pod must not set AppArmor profile type to \"Unconfined\"",
                            "18 pss-restricted-volumes: volume \"nfs\" uses restricted volume type \"nfs\"");
        }
    }

    @Test
    void findingsOfControllersPointIntoTheTemplate() {
        String cronJob = """
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: job
                spec:
                  schedule: "@daily"
                  jobTemplate:
                    spec:
                      template:
                        metadata:
                          annotations:
                            container.apparmor.security.beta.kubernetes.io/job: unconfined
                        spec:
                          hostPID: true
                          restartPolicy: Never
                          containers:
                            - name: job
                              image: registry.example/job:1.0
                """;
        LoadResult loaded = new ManifestLoader().loadText(cronJob, "cron.yaml");
        var findings = PolicyEngine.create(
                        PolicyConfig.builder().profile("pss-baseline").build())
                .evaluate(loaded.resources())
                .findings();
        assertThat(findings)
                .extracting(f -> f.path() + " @" + f.position().line() + ": " + f.message())
                .containsExactly(
                        "spec.jobTemplate.spec.template.metadata.annotations"
                                + "[\"container.apparmor.security.beta.kubernetes.io/job\"] @12: pod must not set"
                                + " AppArmor annotation container.apparmor.security.beta.kubernetes.io/job=\"unconfined\"",
                        "spec.jobTemplate.spec.template.spec.hostPID @14: pod must not set hostPID=true");
    }
}
