package dev.vigil.policy.rules.workload;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.Workloads;
import java.util.List;

/**
 * A workload scaled by a HorizontalPodAutoscaler of the input also sets {@code spec.replicas}: every apply resets
 * the replica count the autoscaler chose, scaling the workload down under load.
 */
final class HpaReplicasConflict extends BuiltInRule {
    HpaReplicasConflict() {
        super("hpa-replicas-conflict");
    }

    @Override
    public void checkResource(Resource r, RuleContext ctx) {
        if (!r.json().path("spec").has("replicas")) {
            return;
        }
        List<Resource> hpas = Workloads.autoscalers(ctx.resources(), r);
        if (!hpas.isEmpty()) {
            ctx.report(
                    r,
                    "spec.replicas",
                    r.kind() + " " + Workloads.q(r.name()) + " sets replicas although HorizontalPodAutoscaler "
                            + Workloads.q(hpas.get(0).name()) + " scales it");
        }
    }
}
