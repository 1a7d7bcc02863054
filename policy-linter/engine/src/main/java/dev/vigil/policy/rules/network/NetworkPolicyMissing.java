package dev.vigil.policy.rules.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.LabelSelectors;
import dev.vigil.policy.rules.support.PodIndex;
import java.util.List;

/**
 * No NetworkPolicy of the input selects a workload's pods, so they accept traffic from anywhere. Reported only when
 * the input contains NetworkPolicies in the workload's namespace: the namespace is then managed with policies in these
 * manifests and an unselected workload is most likely forgotten; without any policy in the namespace nothing is
 * reported (policies may be managed elsewhere).
 */
final class NetworkPolicyMissing extends BuiltInRule {
    NetworkPolicyMissing() {
        super("network-policy-missing");
    }

    @Override
    public void checkAll(ResourceSet set, RuleContext ctx) {
        // indexed once: looking the policies up per workload must not scan them all
        java.util.Map<String, List<Resource>> byNamespace = set.ofKind("NetworkPolicy").stream()
                .filter(np -> np.group().equals("networking.k8s.io"))
                .collect(java.util.stream.Collectors.groupingBy(Resource::namespace));
        // the pod specs some policy selects, found through the label index (candidates, then the exact match): testing
        // every workload of a namespace against every policy there was quadratic
        java.util.Set<PodSpec> selected = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (var e : byNamespace.entrySet()) {
            for (Resource np : e.getValue()) {
                JsonNode selector = np.json().path("spec").path("podSelector");
                for (PodSpec pod : PodIndex.templateCandidates(set, e.getKey(), selector, false)) {
                    if (!selected.contains(pod) && LabelSelectors.matches(selector, pod.labels())) {
                        selected.add(pod);
                    }
                }
            }
        }
        for (Resource r : set.resources()) {
            List<PodSpec> pods = set.podSpecs(r);
            if (pods.isEmpty() || !byNamespace.containsKey(r.namespace())) {
                continue;
            }
            for (PodSpec pod : pods) {
                if (!selected.contains(pod)) {
                    ctx.report(
                            r,
                            "metadata.name",
                            "no NetworkPolicy of the input selects the pods of " + r.kind() + " \"" + r.name() + "\"");
                }
            }
        }
    }
}
