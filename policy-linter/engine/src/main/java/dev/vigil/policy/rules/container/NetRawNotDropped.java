package dev.vigil.policy.rules.container;

import dev.vigil.policy.EffectiveSecurityContext;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * The container keeps NET_RAW, which several runtimes grant by default: it drops neither {@code NET_RAW} nor
 * {@code ALL}. Privileged and Windows containers are left to their own rules. When
 * {@code pss-capabilities-restricted} (drop ALL, since v1.22) runs in the same evaluation it reports every such
 * container already, and this rule stays silent.
 */
final class NetRawNotDropped extends BuiltInRule {
    NetRawNotDropped() {
        super("net-raw-not-dropped");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        if (ctx.isRuleActive("pss-capabilities-restricted")
                && ctx.pssVersion(pod.owner()).atLeast(22)) {
            return;
        }
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
