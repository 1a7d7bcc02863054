package dev.vigil.policy.rules.workload;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.Workloads;

/**
 * A workload with two or more replicas has no PodDisruptionBudget, so a node drain may evict all its pods at once.
 * Reported only when the input contains at least one PodDisruptionBudget: the team manages budgets in these
 * manifests, so a missing one is most likely forgotten; inputs without any budget (a single app's manifests, budgets
 * managed elsewhere) produce no finding.
 */
final class PdbMissing extends BuiltInRule {
    PdbMissing() {
        super("pdb-missing");
    }

    @Override
    public void checkResource(Resource r, RuleContext ctx) {
        if (!Workloads.isReplicated(r)
                || r.kind().equals("ReplicaSet")
                || Pdbs.all(ctx.resources()).isEmpty()) {
            return;
        }
        if (Workloads.maxReplicas(ctx.resources(), r) >= 2
                && Pdbs.covering(ctx.resources(), r).isEmpty()) {
            ctx.report(
                    r,
                    "metadata.name",
                    r.kind() + " " + Workloads.q(r.name()) + " has no PodDisruptionBudget selecting its pods");
        }
    }
}
