package dev.vigil.policy.rules.network;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.LabelSelectors;
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
        for (Resource r : set.resources()) {
            List<PodSpec> pods = set.podSpecs(r);
            if (pods.isEmpty()) {
                continue;
            }
            List<Resource> policies = byNamespace.getOrDefault(r.namespace(), List.of());
            if (policies.isEmpty()) {
                continue;
            }
            for (PodSpec pod : pods) {
                boolean selected = policies.stream()
                        .anyMatch(np ->
                                LabelSelectors.matches(np.json().path("spec").path("podSelector"), pod.labels()));
                if (!selected) {
                    ctx.report(
                            r,
                            "metadata.name",
                            "no NetworkPolicy of the input selects the pods of " + r.kind() + " \"" + r.name() + "\"");
                }
            }
        }
    }
}
