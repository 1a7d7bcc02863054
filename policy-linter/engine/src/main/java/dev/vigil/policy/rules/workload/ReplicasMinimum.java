package dev.vigil.policy.rules.workload;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.Workloads;

/**
 * A Deployment or StatefulSet runs a single replica (explicitly or by default) and no HorizontalPodAutoscaler of the
 * input scales it: every rollout, node drain or crash is an outage. {@code replicas: 0} (deliberately scaled down)
 * is not reported.
 */
final class ReplicasMinimum extends BuiltInRule {
    ReplicasMinimum() {
        super("replicas-minimum");
    }

    @Override
    public void checkResource(Resource r, RuleContext ctx) {
        if (!(r.kind().equals("Deployment") || r.kind().equals("StatefulSet"))
                || !r.group().equals("apps")) {
            return;
        }
        int replicas = Workloads.replicas(r);
        if (replicas == 1 && Workloads.autoscalers(ctx.resources(), r).isEmpty()) {
            boolean explicit = r.json().path("spec").has("replicas");
            ctx.report(
                    r,
                    "spec.replicas",
                    r.kind() + " " + Workloads.q(r.name()) + " runs a single replica"
                            + (explicit ? "" : " (replicas is not set)"));
        }
    }
}
