package dev.vigil.policy.rules.container;

import dev.vigil.policy.EffectiveSecurityContext;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * The container keeps NET_RAW, which several runtimes grant by default: it drops neither {@code NET_RAW} nor
 * {@code ALL}. Privileged and Windows containers are left to their own rules.
 */
final class NetRawNotDropped extends BuiltInRule {
    NetRawNotDropped() {
        super("net-raw-not-dropped");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            EffectiveSecurityContext sc = c.effectiveSecurityContext();
            if (sc.windows() || sc.privileged() || sc.addedCapabilities().contains("NET_RAW")) {
                continue;
            }
            if (!sc.droppedCapabilities().contains("NET_RAW")
                    && !sc.droppedCapabilities().contains("ALL")) {
                ctx.report(
                        c,
                        "securityContext.capabilities.drop",
                        "container \"" + c.name() + "\" does not drop the NET_RAW capability");
            }
        }
    }
}
