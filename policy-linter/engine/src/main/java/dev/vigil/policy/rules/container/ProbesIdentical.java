package dev.vigil.policy.rules.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * The liveness probe is identical to the readiness probe: when the application is slow, it is restarted at the
 * moment it is taken out of rotation, which turns overload into cascading restarts.
 */
final class ProbesIdentical extends BuiltInRule {
    ProbesIdentical() {
        super("probes-identical");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            JsonNode liveness = c.json().path("livenessProbe");
            if (liveness.isObject() && liveness.equals(c.json().path("readinessProbe"))) {
                ctx.report(
                        c,
                        "livenessProbe",
                        "container \"" + c.name() + "\" uses the same probe for liveness and readiness");
            }
        }
    }
}
