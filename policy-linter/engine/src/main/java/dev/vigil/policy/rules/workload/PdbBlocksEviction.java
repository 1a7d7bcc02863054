package dev.vigil.policy.rules.workload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.Workloads;

/**
 * A PodDisruptionBudget allows no voluntary disruption at all: {@code maxUnavailable: 0} or {@code 0%},
 * {@code minAvailable: 100%}, or a {@code minAvailable} count at least the replica count of every workload of the
 * input it selects. Node drains and cluster upgrades then block until someone deletes the budget.
 */
final class PdbBlocksEviction extends BuiltInRule {
    PdbBlocksEviction() {
        super("pdb-blocks-eviction");
    }

    @Override
    public void checkResource(Resource r, RuleContext ctx) {
        if (!r.kind().equals("PodDisruptionBudget") || !r.group().equals("policy")) {
            return;
        }
        JsonNode spec = r.json().path("spec");
        JsonNode maxUnavailable = spec.path("maxUnavailable");
        JsonNode minAvailable = spec.path("minAvailable");
        String name = "PodDisruptionBudget " + Workloads.q(r.name());
        if (isZero(maxUnavailable)) {
            ctx.report(r, "spec.maxUnavailable", name + " sets maxUnavailable to " + maxUnavailable.asText());
        } else if (minAvailable.isTextual() && minAvailable.asText().strip().equals("100%")) {
            ctx.report(r, "spec.minAvailable", name + " sets minAvailable to 100%");
        } else if (minAvailable.isIntegralNumber()) {
            var workloads = Pdbs.selected(ctx.resources(), r);
            int min = minAvailable.intValue();
            boolean blocksAll = !workloads.isEmpty()
                    && workloads.stream().allMatch(w -> Workloads.isReplicated(w) && Workloads.replicas(w) <= min);
            if (blocksAll) {
                Resource w = workloads.get(0);
                ctx.report(
                        r,
                        "spec.minAvailable",
                        name + " requires " + min + " available pods but " + w.kind() + " " + Workloads.q(w.name())
                                + " runs " + Workloads.replicas(w));
            }
        }
    }

    private static boolean isZero(JsonNode n) {
        return (n.isIntegralNumber() && n.intValue() == 0)
                || (n.isTextual()
                        && (n.asText().strip().equals("0%")
                                || n.asText().strip().equals("0")));
    }
}
