package dev.vigil.policy.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.load.ManifestLoader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which selectors a custom resource of the input explains, and which it does not (label typos). */
class CustomOwnersTest {
    private static final String INPUT = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: public, namespace: edge}
            spec:
              gatewayClassName: istio
              listeners: [{name: http, port: 80, protocol: HTTP}]
            ---
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata: {name: web, namespace: edge}
            spec: {secretName: web-tls, issuerRef: {name: letsencrypt}}
            ---
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: redis, namespace: cache}
            spec:
              chart: {spec: {chart: redis}}
              values:
                master:
                  podLabels: {tier: cache}
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ResourceSet set() {
        List<Resource> resources =
                new ManifestLoader().loadText(INPUT, "in.yaml").resources();
        return ResourceSet.of(resources);
    }

    private static boolean owns(String namespace, String selectorJson) throws Exception {
        return CustomOwners.couldOwnSelected(set(), Set.of(namespace), JSON.readTree(selectorJson), true);
    }

    @Test
    void labelKeysOfTheResourcesApiGroupAreTheOperators() throws Exception {
        // Istio and Envoy Gateway deploy a Gateway's proxy with this label
        assertThat(owns("edge", "{\"gateway.networking.k8s.io/gateway-name\":\"public\"}"))
                .isTrue();
        // the generic recommended labels belong to no operator: only a value naming the resource explains them
        assertThat(owns("edge", "{\"app.kubernetes.io/name\":\"web-frontend\"}"))
                .isFalse();
        assertThat(owns("edge", "{\"topology.kubernetes.io/zone\":\"eu-west-1a\"}"))
                .isFalse();
    }

    @Test
    void kindsThatOnlyConfigureOtherObjectsOwnNothing() throws Exception {
        // a Certificate named "web" explains nothing, a Gateway named "public" does not explain "web"
        assertThat(owns("edge", "{\"app\":\"web\"}")).isFalse();
    }

    @Test
    void aReleaseExplainsItsInstanceLabelAndThePodLabelsItsValuesSet() throws Exception {
        assertThat(owns("cache", "{\"app.kubernetes.io/instance\":\"redis\",\"tier\":\"cache\"}"))
                .isTrue();
        assertThat(owns("cache", "{\"app.kubernetes.io/instance\":\"redis\",\"tier\":\"cahce\"}"))
                .isFalse();
        // other namespaces' resources never count
        assertThat(owns("edge", "{\"app.kubernetes.io/instance\":\"redis\"}")).isFalse();
    }

    @Test
    void servicesNamedForAResourceOrItsKindCouldBeItsOperators() {
        assertThat(CustomOwners.couldOwnServiceNamed(set(), "cache", "redis-master"))
                .isTrue();
        assertThat(CustomOwners.couldOwnServiceNamed(set(), "cache", "redis")).isTrue();
        assertThat(CustomOwners.couldOwnServiceNamed(set(), "cache", "rediss-master"))
                .isFalse();
        assertThat(CustomOwners.couldOwnServiceNamed(set(), "edge", "public-istio"))
                .isTrue();
        assertThat(CustomOwners.couldOwnServiceNamed(set(), "edge", "web")).isFalse();
    }

    @Test
    void wordsAreMatchedWholeBetweenSeparators() {
        assertThat(CustomOwners.containsWord("alertmanager-main", "main")).isTrue();
        assertThat(CustomOwners.containsWord("my-cluster-kafka-bootstrap", "my-cluster"))
                .isTrue();
        assertThat(CustomOwners.containsWord("maintenance", "main")).isFalse();
        assertThat(CustomOwners.containsWord("domain-main2", "main")).isFalse();
        assertThat(CustomOwners.containsWord("", "main")).isFalse();
    }
}
