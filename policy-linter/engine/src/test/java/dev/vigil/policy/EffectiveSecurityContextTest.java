package dev.vigil.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.policy.load.ManifestLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class EffectiveSecurityContextTest {
    private static List<PodSpec.Container> containers(String yaml) {
        ResourceSet set =
                ResourceSet.of(new ManifestLoader().loadText(yaml, "in.yaml").resources());
        return set.allPodSpecs().get(0).allContainers();
    }

    private static final String POD = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 20000
                    seccompProfile: {type: RuntimeDefault}
                    seLinuxOptions: {level: "s0:c1"}
                    windowsOptions: {gmsaCredentialSpecName: pod-spec, runAsUserName: pod-user}
                    fsGroup: 3000
                  initContainers:
                    - name: init
                      image: x
                      securityContext:
                        runAsUser: 0
                        seLinuxOptions: {type: container_t}
                        windowsOptions: {runAsUserName: container-user}
                  containers:
                    - name: app
                      image: x
                    - name: nulls
                      image: x
                      securityContext:
                        runAsNonRoot: null
                        capabilities: {add: [cap_net_admin], drop: [ALL]}
            """;

    @Test
    void podLevelValuesApplyToContainersThatDoNotOverrideThem() {
        EffectiveSecurityContext app = containers(POD).get(1).effectiveSecurityContext();
        assertThat(app.runAsNonRoot()).contains(true);
        assertThat(app.runAsUser()).hasValue(20000);
        assertThat(app.nonRoot()).isTrue();
        assertThat(app.seccompProfileType()).isEqualTo("RuntimeDefault");
        assertThat(app.get("runAsNonRoot").source()).isEqualTo(EffectiveSecurityContext.Source.POD);
        assertThat(app.get("runAsNonRoot").path()).isEqualTo("spec.template.spec.securityContext.runAsNonRoot");
        assertThat(app.fsGroup()).hasValue(3000);
    }

    @Test
    void containerValuesWinAndStructsReplaceTheWholePodValue() {
        EffectiveSecurityContext init = containers(POD).get(0).effectiveSecurityContext();
        assertThat(init.runAsUser()).hasValue(0);
        assertThat(init.nonRoot()).isFalse();
        assertThat(init.get("runAsUser").path())
                .isEqualTo("spec.template.spec.initContainers[0].securityContext.runAsUser");
        assertThat(init.get("seLinuxOptions").node().has("level")).isFalse();
        assertThat(init.windowsOption("runAsUserName").asText()).isEqualTo("container-user");
        assertThat(init.windowsOption("gmsaCredentialSpecName").asText()).isEqualTo("pod-spec");
    }

    @Test
    void explicitNullIsUnsetAndFallsBackToThePod() {
        EffectiveSecurityContext c = containers(POD).get(2).effectiveSecurityContext();
        assertThat(c.runAsNonRoot()).contains(true);
        assertThat(c.addedCapabilities()).containsExactly("NET_ADMIN");
        assertThat(c.droppedCapabilities()).containsExactly("ALL");
        assertThat(c.readOnlyRootFilesystem()).isFalse();
        assertThat(c.get("readOnlyRootFilesystem").source()).isEqualTo(EffectiveSecurityContext.Source.UNSET);
        assertThat(c.get("readOnlyRootFilesystem").path())
                .isEqualTo("spec.template.spec.containers[1].securityContext.readOnlyRootFilesystem");
    }

    @Test
    void computedOncePerContainer() {
        ResourceSet set =
                ResourceSet.of(new ManifestLoader().loadText(POD, "in.yaml").resources());
        PodSpec pod = set.allPodSpecs().get(0);
        assertThat(pod.allContainers().get(1).effectiveSecurityContext())
                .isSameAs(pod.allContainers().get(1).effectiveSecurityContext());
    }
}
