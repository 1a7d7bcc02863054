package dev.vigil.policy.rules.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.rules.support.PodLabels;
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
        // candidates: the pods carrying the selector's first label in their template or among the labels their
        // controller adds (an index built once), then the exact match on the run-time labels
        var first = selector.properties().iterator().next();
        java.util.Map<String, List<PodSpec>> byLabel = set.derived(BY_LABEL, Services::podsByLabel);
        List<PodSpec> candidates = new ArrayList<>(byLabel.getOrDefault(
                labelKey(service.namespace(), first.getKey(), first.getValue().asText()), List.of()));
        candidates.addAll(byLabel.getOrDefault(labelKey(service.namespace(), first.getKey(), null), List.of()));
        java.util.Set<PodSpec> out = new java.util.LinkedHashSet<>();
        for (PodSpec pod : candidates) {
            if (PodLabels.of(set, pod).mayMatchMap(selector)) {
                out.add(pod);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Pod specs by {@code namespace, label key, label value} of their template labels, and by
     * {@code namespace, label key} of the labels their controller adds, in input order.
     */
    private static java.util.Map<String, List<PodSpec>> podsByLabel(ResourceSet set) {
        java.util.Map<String, List<PodSpec>> out = new java.util.HashMap<>();
        for (PodSpec pod : set.allPodSpecs()) {
            String ns = pod.owner().namespace();
            for (var label : pod.labels().entrySet()) {
                out.computeIfAbsent(labelKey(ns, label.getKey(), label.getValue()), k -> new ArrayList<>())
                        .add(pod);
            }
            for (String key : PodLabels.of(set, pod).addedKeys()) {
                out.computeIfAbsent(labelKey(ns, key, null), k -> new ArrayList<>())
                        .add(pod);
            }
        }
        return out;
    }

    /** The index key of a label; a null value stands for every value a controller-added label can take. */
    private static String labelKey(String namespace, String key, String value) {
        return namespace + '\u0000' + key + (value == null ? "\u0001" : '\u0000' + value);
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
