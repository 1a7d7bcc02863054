package dev.vigil.policy.rules.pss;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * PSS baseline "Privileged Containers" (PSA check {@code privileged}, all versions):
 * {@code securityContext.privileged} must be unset or false on every container, init container and ephemeral
 * container.
 */
final class Privileged extends BuiltInRule {
    static final String ID = "pss-privileged";

    Privileged() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            if (Pss.isTrue(c.json().path("securityContext").path("privileged"))) {
                ctx.report(
                        c,
                        "securityContext.privileged",
                        Pss.container(c) + " must not set securityContext.privileged=true");
            }
        }
    }
}
