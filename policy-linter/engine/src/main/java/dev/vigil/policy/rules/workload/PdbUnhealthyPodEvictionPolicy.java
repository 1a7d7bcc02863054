package dev.vigil.policy.rules.workload;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.Workloads;

/**
 * A PodDisruptionBudget keeps the default {@code unhealthyPodEvictionPolicy} ({@code IfHealthyBudget}): pods that
 * are running but never become ready then block node drains.
 */
final class PdbUnhealthyPodEvictionPolicy extends BuiltInRule {
    PdbUnhealthyPodEvictionPolicy() {
        super("pdb-unhealthy-pod-eviction-policy");
    }

    @Override
    public void checkResource(Resource r, RuleContext ctx) {
        if (!r.kind().equals("PodDisruptionBudget") || !r.group().equals("policy")) {
            return;
        }
        String policy = r.json().path("spec").path("unhealthyPodEvictionPolicy").asText("");
        if (!policy.equals("AlwaysAllow")) {
            ctx.report(
                    r,
                    "spec.unhealthyPodEvictionPolicy",
                    "PodDisruptionBudget " + Workloads.q(r.name()) + " does not set unhealthyPodEvictionPolicy to"
                            + " AlwaysAllow" + (policy.isEmpty() ? "" : " (" + policy + ")"));
        }
    }
}
