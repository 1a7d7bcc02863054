package dev.vigil.policy.rules.container;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.Workloads;

/** A long-running container has no liveness probe. Jobs, CronJobs and run-to-completion pods are skipped. */
final class LivenessProbe extends BuiltInRule {
    LivenessProbe() {
        super("liveness-probe");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        if (Workloads.runsToCompletion(pod)) {
            return;
        }
        for (PodSpec.Container c : pod.allContainers()) {
            if (c.type() == PodSpec.Container.Type.REGULAR
                    && c.json().path("livenessProbe").isMissingNode()) {
                ctx.report(c, "livenessProbe", "container \"" + c.name() + "\" has no liveness probe");
            }
        }
    }
}
