package dev.vigil.policy.rules.container;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.Workloads;

/**
 * A long-running container that declares ports (so it can receive traffic) has no readiness probe. Containers
 * without ports, Jobs and CronJobs are skipped.
 */
final class ReadinessProbe extends BuiltInRule {
    ReadinessProbe() {
        super("readiness-probe");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        if (Workloads.runsToCompletion(pod)) {
            return;
        }
        for (PodSpec.Container c : pod.allContainers()) {
            if (c.type() == PodSpec.Container.Type.REGULAR
                    && !c.json().path("ports").isEmpty()
                    && c.json().path("readinessProbe").isMissingNode()) {
                ctx.report(
                        c, "readinessProbe", "container \"" + c.name() + "\" exposes ports but has no readiness probe");
            }
        }
    }
}
