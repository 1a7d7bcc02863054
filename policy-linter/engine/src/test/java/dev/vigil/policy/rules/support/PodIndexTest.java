package dev.vigil.policy.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.load.ManifestLoader;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The label index gives candidates only: filtered with the exact predicate they must select the very pods that testing
 * every pod of the namespace selects, for every shape of selector.
 */
class PodIndexTest {
    private static final String WORKLOADS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web, tier: front, version: "1"}}
                spec: {containers: [{name: c, image: web:1.0}]}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: shop}
            spec:
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db, tier: back}}
                spec: {containers: [{name: c, image: db:1.0}]}
            ---
            apiVersion: batch/v1
            kind: Job
            metadata: {name: batch, namespace: shop}
            spec:
              template:
                metadata: {labels: {app: batch}}
                spec: {restartPolicy: Never, containers: [{name: c, image: batch:1.0}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: debug, namespace: shop, labels: {app: web, tier: back}}
            spec: {containers: [{name: c, image: debug:1.0}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: other}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: c, image: web:1.0}]}
            """;

    private static final List<String> SELECTORS = List.of(
            "{\"matchLabels\": {\"app\": \"web\"}}",
            "{\"matchLabels\": {\"app\": \"web\", \"tier\": \"back\"}}",
            "{\"matchLabels\": {\"tier\": \"back\", \"app\": \"db\"}}",
            "{\"matchLabels\": {\"version\": 1}}",
            "{\"matchLabels\": {\"app\": \"nope\"}}",
            "{\"matchLabels\": {\"statefulset.kubernetes.io/pod-name\": \"db-0\"}}",
            "{\"matchLabels\": {\"pod-template-hash\": \"5d8f\", \"app\": \"web\"}}",
            "{\"matchLabels\": {\"job-name\": \"batch\"}}",
            "{\"matchExpressions\": [{\"key\": \"tier\", \"operator\": \"In\", \"values\": [\"back\"]}]}",
            "{\"matchExpressions\": [{\"key\": \"app\", \"operator\": \"DoesNotExist\"}]}",
            "{}",
            "null",
            "\"app=web\"");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void candidatesFilteredByTheExactTestSelectWhatAFullScanSelects() throws Exception {
        ResourceSet set = ResourceSet.of(
                new ManifestLoader().loadText(WORKLOADS, "w.yaml").resources());
        int selecting = 0;
        for (String ns : List.of("shop", "other", "absent")) {
            for (String text : SELECTORS) {
                JsonNode selector = JSON.readTree(text);
                Set<PodSpec> exact = new LinkedHashSet<>();
                Set<PodSpec> exactMap = new LinkedHashSet<>();
                Set<PodSpec> runtime = new LinkedHashSet<>();
                Set<PodSpec> runtimeMap = new LinkedHashSet<>();
                for (PodSpec pod : set.podSpecsIn(ns)) {
                    if (LabelSelectors.matches(selector, pod.labels())) {
                        exact.add(pod);
                    }
                    JsonNode labels = selector.path("matchLabels");
                    if (LabelSelectors.mapMatches(labels, pod.labels())) {
                        exactMap.add(pod);
                    }
                    if (PodLabels.of(set, pod).mayMatch(selector)) {
                        runtime.add(pod);
                    }
                    if (PodLabels.of(set, pod).mayMatchMap(labels)) {
                        runtimeMap.add(pod);
                    }
                }
                String what = ns + " " + text;
                assertThat(filter(PodIndex.templateCandidates(set, ns, selector, false), selector, set, false, false))
                        .as(what)
                        .containsExactlyElementsOf(exact); // in input order
                JsonNode map = selector.path("matchLabels");
                assertThat(filter(PodIndex.templateCandidates(set, ns, map, true), map, set, false, true))
                        .as(what)
                        .containsExactlyElementsOf(exactMap);
                assertThat(filter(PodIndex.runtimeCandidates(set, ns, selector, false), selector, set, true, false))
                        .as(what)
                        .containsExactlyInAnyOrderElementsOf(runtime);
                assertThat(filter(PodIndex.runtimeCandidates(set, ns, map, true), map, set, true, true))
                        .as(what)
                        .containsExactlyInAnyOrderElementsOf(runtimeMap);
                selecting += runtime.isEmpty() ? 0 : 1;
            }
        }
        assertThat(selecting).as("selectors that select something").isGreaterThanOrEqualTo(10);
    }

    @Test
    void aSelectorLooksUpOnlyThePodsCarryingItsFirstLabel() {
        ResourceSet set = ResourceSet.of(
                new ManifestLoader().loadText(WORKLOADS, "w.yaml").resources());
        JsonNode tier = JSON.createObjectNode()
                .set("matchLabels", JSON.createObjectNode().put("tier", "back"));
        assertThat(PodIndex.templateCandidates(set, "shop", tier, false))
                .extracting(p -> p.owner().name())
                .containsExactly("db", "debug");
    }

    private static Set<PodSpec> filter(
            List<PodSpec> candidates, JsonNode selector, ResourceSet set, boolean runtime, boolean plainMap) {
        Set<PodSpec> out = new LinkedHashSet<>();
        for (PodSpec pod : candidates) {
            boolean selected = runtime
                    ? (plainMap
                            ? PodLabels.of(set, pod).mayMatchMap(selector)
                            : PodLabels.of(set, pod).mayMatch(selector))
                    : (plainMap
                            ? LabelSelectors.mapMatches(selector, pod.labels())
                            : LabelSelectors.matches(selector, pod.labels()));
            if (selected) {
                out.add(pod);
            }
        }
        return out;
    }
}
