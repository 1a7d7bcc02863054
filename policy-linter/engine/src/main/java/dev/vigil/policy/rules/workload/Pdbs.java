package dev.vigil.policy.rules.workload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.rules.support.LabelSelectors;
import dev.vigil.policy.rules.support.PodIndex;
import java.util.ArrayList;
import java.util.List;

/** PodDisruptionBudgets of the input and the workloads they cover. */
final class Pdbs {
    private Pdbs() {}

    private static final Object ALL = new Object();

    /** The budgets of the input (computed once per input: rules ask per workload). */
    static List<Resource> all(ResourceSet set) {
        return set.derived(
                ALL,
                s -> s.ofKind("PodDisruptionBudget").stream()
                        .filter(r -> r.group().equals("policy"))
                        .toList());
    }

    private static final Object COVERING = new Object();

    /** The budgets in the workload's namespace whose selector selects its pod template. */
    static List<Resource> covering(ResourceSet set, Resource workload) {
        return set.<java.util.Map<Resource, List<Resource>>>derived(COVERING, Pdbs::coveringByWorkload)
                .getOrDefault(workload, List.of());
    }

    /**
     * For every workload, the budgets that select one of its pod templates, in input order of the budgets; built once
     * per input through the label index instead of testing every workload against every budget of its namespace.
     */
    private static java.util.Map<Resource, List<Resource>> coveringByWorkload(ResourceSet set) {
        java.util.Map<Resource, List<Resource>> out = new java.util.IdentityHashMap<>();
        for (Resource pdb : all(set)) {
            JsonNode selector = pdb.json().path("spec").path("selector");
            for (PodSpec pod : PodIndex.templateCandidates(set, pdb.namespace(), selector, false)) {
                if (LabelSelectors.matches(selector, pod.labels())) {
                    List<Resource> budgets = out.computeIfAbsent(pod.owner(), k -> new ArrayList<>());
                    if (budgets.isEmpty() || budgets.get(budgets.size() - 1) != pdb) {
                        budgets.add(pdb);
                    }
                }
            }
        }
        return out;
    }

    /** The workloads whose pod templates the budget selects (same namespace), in input order. */
    static List<Resource> selected(ResourceSet set, Resource pdb) {
        JsonNode selector = pdb.json().path("spec").path("selector");
        java.util.Set<Resource> out = new java.util.LinkedHashSet<>();
        // candidates in input order, then the exact match
        for (PodSpec pod : PodIndex.templateCandidates(set, pdb.namespace(), selector, false)) {
            if (LabelSelectors.matches(selector, pod.labels())) {
                out.add(pod.owner());
            }
        }
        return new ArrayList<>(out);
    }
}
