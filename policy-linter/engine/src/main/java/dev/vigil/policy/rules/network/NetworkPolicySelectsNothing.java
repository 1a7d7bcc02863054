package dev.vigil.policy.rules.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.CustomOwners;
import dev.vigil.policy.rules.support.LabelSelectors;
import dev.vigil.policy.rules.support.PodIndex;
import dev.vigil.policy.rules.support.PodLabels;
import dev.vigil.policy.rules.support.Workloads;
import java.util.List;
import java.util.Set;

/**
 * A NetworkPolicy's {@code podSelector} selects no pod template of the input in its namespace (with the labels
 * their controllers add): the policy protects nothing (usually a label typo). Reported only when the input contains
 * pod templates in that namespace and no custom resource there could own the selected pods; an empty selector (all
 * pods) is never reported.
 */
final class NetworkPolicySelectsNothing extends BuiltInRule {
    NetworkPolicySelectsNothing() {
        super("network-policy-selects-nothing");
    }

    @Override
    public void checkAll(ResourceSet set, RuleContext ctx) {
        for (Resource np : set.ofKind("NetworkPolicy")) {
            JsonNode selector = np.json().path("spec").path("podSelector");
            List<PodSpec> pods = Workloads.podsIn(set, np.namespace());
            if (!np.group().equals("networking.k8s.io") || pods.isEmpty() || LabelSelectors.isEmpty(selector)) {
                continue;
            }
            if (PodIndex.runtimeCandidates(set, np.namespace(), selector, false).stream()
                            .noneMatch(p -> PodLabels.of(set, p).mayMatch(selector))
                    && !CustomOwners.couldOwnSelected(set, Set.of(np.namespace()), selector, false)) {
                ctx.report(
                        np,
                        "spec.podSelector",
                        "NetworkPolicy \"" + np.name() + "\" selects no pod of the input (" + selector + ")");
            }
        }
    }
}
