package dev.vigil.policy.rules.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.rules.support.PodIndex;
import dev.vigil.policy.rules.support.PodLabels;
import java.util.List;

/** Services and the pod templates they select. */
final class Services {
    private Services() {}

    static boolean isService(Resource r) {
        return r.kind().equals("Service") && r.apiVersion().equals("v1");
    }

    private static final Object SELECTED = new Object();
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
        java.util.Set<PodSpec> out = new java.util.LinkedHashSet<>();
        for (PodSpec pod : PodIndex.runtimeCandidates(set, service.namespace(), selector, true)) {
            if (PodLabels.of(set, pod).mayMatchMap(selector)) {
                out.add(pod);
            }
        }
        return List.copyOf(out);
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
