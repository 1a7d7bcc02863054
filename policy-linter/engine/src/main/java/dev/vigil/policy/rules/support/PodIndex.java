package dev.vigil.policy.rules.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.ResourceSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod specs of an input by label, built once per input, so that the cross-object rules look up the few pods a
 * selector can select instead of testing every pod of the namespace against every selector (a namespace with
 * hundreds of workloads and of Services, PDBs or NetworkPolicies made that quadratic). The lookups return
 * <em>candidates</em>: a superset of the pods a selector selects, which the caller still tests with the exact
 * predicate ({@link LabelSelectors#matches}, {@link PodLabels#mayMatch}), so the index changes no result.
 */
public final class PodIndex {
    private static final Object BY_LABEL = new Object();

    private PodIndex() {}

    /**
     * Candidates for a selector on the pod templates' own labels ({@link LabelSelectors#matches},
     * {@link LabelSelectors#mapMatches}): the pods of {@code namespace} whose template carries the selector's first
     * {@code matchLabels} entry (every pod of the namespace when it has none), in input order.
     *
     * @param selector a {@code LabelSelector}, or a plain label map when {@code plainMap}
     */
    public static List<PodSpec> templateCandidates(
            ResourceSet set, String namespace, JsonNode selector, boolean plainMap) {
        Map.Entry<String, JsonNode> first = firstLabel(selector, plainMap);
        if (first == null) {
            return set.podSpecsIn(namespace);
        }
        return index(set)
                .getOrDefault(key(namespace, first.getKey(), first.getValue().asText()), List.of());
    }

    /**
     * Candidates for a selector on the run-time labels ({@link PodLabels#mayMatch}, {@link PodLabels#mayMatchMap}):
     * {@link #templateCandidates} plus the pods whose controller adds the first label's key. Not in input order: for
     * tests that do not depend on it ({@code anyMatch}, {@code noneMatch}).
     */
    public static List<PodSpec> runtimeCandidates(
            ResourceSet set, String namespace, JsonNode selector, boolean plainMap) {
        Map.Entry<String, JsonNode> first = firstLabel(selector, plainMap);
        if (first == null) {
            return set.podSpecsIn(namespace);
        }
        Map<String, List<PodSpec>> index = index(set);
        List<PodSpec> fixed = index.getOrDefault(
                key(namespace, first.getKey(), first.getValue().asText()), List.of());
        List<PodSpec> added = index.getOrDefault(key(namespace, first.getKey(), null), List.of());
        if (added.isEmpty()) {
            return fixed;
        }
        List<PodSpec> out = new ArrayList<>(fixed.size() + added.size());
        out.addAll(fixed);
        out.addAll(added);
        return out;
    }

    private static Map.Entry<String, JsonNode> firstLabel(JsonNode selector, boolean plainMap) {
        if (selector == null || !selector.isObject()) {
            return null;
        }
        JsonNode labels = plainMap ? selector : selector.path("matchLabels");
        if (!labels.isObject() || labels.isEmpty()) {
            return null;
        }
        return labels.fields().next();
    }

    /**
     * Pod specs by {@code namespace, label key, label value} of their template labels, and by
     * {@code namespace, label key} of the labels their controller adds, in input order.
     */
    private static Map<String, List<PodSpec>> index(ResourceSet set) {
        return set.derived(BY_LABEL, PodIndex::build);
    }

    private static Map<String, List<PodSpec>> build(ResourceSet set) {
        Map<String, List<PodSpec>> out = new HashMap<>();
        for (PodSpec pod : set.allPodSpecs()) {
            String ns = pod.owner().namespace();
            for (var label : pod.labels().entrySet()) {
                out.computeIfAbsent(key(ns, label.getKey(), label.getValue()), k -> new ArrayList<>())
                        .add(pod);
            }
            for (String key : PodLabels.of(set, pod).addedKeys()) {
                out.computeIfAbsent(key(ns, key, null), k -> new ArrayList<>()).add(pod);
            }
        }
        return out;
    }

    /** The index key of a label; a null value stands for every value a controller-added label can take. */
    private static String key(String namespace, String key, String value) {
        return namespace + '\u0000' + key + (value == null ? "\u0001" : '\u0000' + value);
    }
}
