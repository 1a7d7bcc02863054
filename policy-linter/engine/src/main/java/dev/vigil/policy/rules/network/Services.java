package dev.vigil.policy.rules.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.rules.support.LabelSelectors;
import java.util.ArrayList;
import java.util.List;

/** Services and the pod templates they select. */
final class Services {
    private Services() {}

    static boolean isService(Resource r) {
        return r.kind().equals("Service") && r.apiVersion().equals("v1");
    }

    private static final Object SELECTED = new Object();
    private static final Object BY_LABEL = new Object();
    private static final Object BY_NAMESPACE = new Object();

    /** The pod specs of the input in the Service's namespace that its selector selects (computed once per Service). */
    static List<PodSpec> selectedPods(ResourceSet set, Resource service) {
        java.util.Map<Resource, List<PodSpec>> cache =
                set.derived(SELECTED, s -> java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>()));
        List<PodSpec> known = cache.get(service);
        if (known == null) {
            known = select(set, service);
            cache.put(service, known);
        }
        return known;
    }

    private static List<PodSpec> select(ResourceSet set, Resource service) {
        JsonNode selector = service.json().path("spec").path("selector");
        if (!selector.isObject() || selector.isEmpty()) {
            return List.of();
        }
        // candidates: the pods carrying the selector's first label (an index built once), then the exact match
        var first = selector.fields().next();
        java.util.Map<String, List<PodSpec>> byLabel = set.derived(BY_LABEL, Services::podsByLabel);
        List<PodSpec> candidates = byLabel.getOrDefault(
                labelKey(service.namespace(), first.getKey(), first.getValue().asText()), List.of());
        List<PodSpec> out = new ArrayList<>();
        for (PodSpec pod : candidates) {
            if (LabelSelectors.mapMatches(selector, pod.labels())) {
                out.add(pod);
            }
        }
        return out;
    }

    /** Pod specs by {@code namespace, label key, label value}, in input order. */
    private static java.util.Map<String, List<PodSpec>> podsByLabel(ResourceSet set) {
        java.util.Map<String, List<PodSpec>> out = new java.util.HashMap<>();
        for (PodSpec pod : set.allPodSpecs()) {
            for (var label : pod.labels().entrySet()) {
                out.computeIfAbsent(
                                labelKey(pod.owner().namespace(), label.getKey(), label.getValue()),
                                k -> new ArrayList<>())
                        .add(pod);
            }
        }
        return out;
    }

    private static String labelKey(String namespace, String key, String value) {
        return namespace + '\u0000' + key + '\u0000' + value;
    }

    /** The Services of the input in {@code namespace}. */
    static List<Resource> in(ResourceSet set, String namespace) {
        java.util.Map<String, List<Resource>> byNamespace = set.derived(
                BY_NAMESPACE,
                s -> s.ofKind("Service").stream()
                        .filter(Services::isService)
                        .collect(java.util.stream.Collectors.groupingBy(Resource::namespace)));
        return byNamespace.getOrDefault(namespace, List.of());
    }
}
