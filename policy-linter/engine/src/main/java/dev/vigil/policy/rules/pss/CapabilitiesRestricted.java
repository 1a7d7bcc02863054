package dev.vigil.policy.rules.pss;

import dev.vigil.policy.Fields;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.PssVersion;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * PSS restricted "Capabilities" (PSA check {@code capabilities_restricted}, from v1.22): every container must drop
 * {@code ALL} and may add only {@code NET_BIND_SERVICE}. From v1.25 Windows pods are exempt. Replaces
 * {@link CapabilitiesBaseline} at restricted.
 */
final class CapabilitiesRestricted extends BuiltInRule {
    static final String ID = "pss-capabilities-restricted";
    static final int SINCE = 22;

    CapabilitiesRestricted() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        PssVersion version = Pss.version(pod, ctx);
        if (!version.atLeast(SINCE) || (version.atLeast(25) && Pss.isWindows(pod))) {
            return;
        }
        for (PodSpec.Container c : pod.allContainers()) {
            if (!dropsAll(c.scalars("securityContext.capabilities.drop"))) {
                ctx.report(
                        c,
                        "securityContext.capabilities.drop",
                        Pss.container(c) + " must set securityContext.capabilities.drop=[\"ALL\"]");
            }
            for (Fields.Item e : c.scalars("securityContext.capabilities.add")) {
                String cap = Pss.text(e.node());
                if (!cap.equals("NET_BIND_SERVICE")) {
                    ctx.report(
                            c,
                            "securityContext.capabilities.add[" + e.index() + "]",
                            Pss.container(c) + " must not include " + Pss.quote(cap)
                                    + " in securityContext.capabilities.add");
                }
            }
        }
    }

    private static boolean dropsAll(java.util.List<Fields.Item> drop) {
        for (Fields.Item cap : drop) {
            if ("ALL".equals(Pss.text(cap.node()))) {
                return true;
            }
        }
        return false;
    }
}
