package dev.vigil.policy.rules.workload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.rules.support.LabelSelectors;
import java.util.ArrayList;
import java.util.List;

/** PodDisruptionBudgets of the input and the workloads they cover. */
final class Pdbs {
    private Pdbs() {}

    private static final Object BY_NAMESPACE = new Object();

    static List<Resource> all(ResourceSet set) {
        return set.ofKind("PodDisruptionBudget").stream()
                .filter(r -> r.group().equals("policy"))
                .toList();
    }

    /** The budgets in the workload's namespace whose selector selects its pod template. */
    static List<Resource> covering(ResourceSet set, Resource workload) {
        List<Resource> out = new ArrayList<>();
        java.util.Map<String, List<Resource>> byNamespace = set.derived(
                BY_NAMESPACE,
                s -> all(s).stream().collect(java.util.stream.Collectors.groupingBy(Resource::namespace)));
        for (Resource pdb : byNamespace.getOrDefault(workload.namespace(), List.of())) {
            JsonNode selector = pdb.json().path("spec").path("selector");
            for (PodSpec pod : set.podSpecs(workload)) {
                if (LabelSelectors.matches(selector, pod.labels())) {
                    out.add(pdb);
                    break;
                }
            }
        }
        return out;
    }

    /** The workloads whose pod templates the budget selects (same namespace). */
    static List<Resource> selected(ResourceSet set, Resource pdb) {
        List<Resource> out = new ArrayList<>();
        JsonNode selector = pdb.json().path("spec").path("selector");
        for (Resource r : set.resources()) {
            if (!r.namespace().equals(pdb.namespace())) {
                continue;
            }
            for (PodSpec pod : set.podSpecs(r)) {
                if (LabelSelectors.matches(selector, pod.labels())) {
                    out.add(r);
                    break;
                }
            }
        }
        return out;
    }
}
