package dev.vigil.policy.rules.pss;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * PSS baseline "Privileged Containers" (all versions): {@code securityContext.privileged} must be unset or false
 * on every container, init container and ephemeral container.
 */
final class Privileged extends BuiltInRule {
    Privileged() {
        super("pss-privileged");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            if (c.json().path("securityContext").path("privileged").asBoolean(false)) {
                ctx.report(c, "securityContext.privileged", "container \"" + c.name() + "\" is privileged");
            }
        }
    }
}
