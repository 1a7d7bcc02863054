package dev.vigil.policy.rules.pss;

import dev.vigil.policy.Fields;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.Set;

/**
 * PSS baseline "Capabilities" (PSA check {@code capabilities_baseline}, all versions): containers may add only
 * capabilities of the default set. At restricted from v1.22 PSA replaces it with {@code capabilities_restricted}
 * ({@link CapabilitiesRestricted}), so it stays silent when that rule runs.
 */
final class CapabilitiesBaseline extends BuiltInRule {
    static final String ID = "pss-capabilities-baseline";

    /** PSA {@code capabilities_allowed_1_0}: exact, case-sensitive names without the {@code CAP_} prefix. */
    static final Set<String> ALLOWED = Set.of(
            "AUDIT_WRITE",
            "CHOWN",
            "DAC_OVERRIDE",
            "FOWNER",
            "FSETID",
            "KILL",
            "MKNOD",
            "NET_BIND_SERVICE",
            "SETFCAP",
            "SETGID",
            "SETPCAP",
            "SETUID",
            "SYS_CHROOT");

    CapabilitiesBaseline() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        if (Pss.overriddenBy(CapabilitiesRestricted.ID, CapabilitiesRestricted.SINCE, pod, ctx)) {
            return;
        }
        for (PodSpec.Container c : pod.allContainers()) {
            for (Fields.Item e : c.scalars("securityContext.capabilities.add")) {
                String cap = Pss.text(e.node());
                if (!ALLOWED.contains(cap)) {
                    ctx.report(
                            c,
                            "securityContext.capabilities.add[" + e.index() + "]",
                            Pss.container(c) + " must not include " + Pss.quote(cap)
                                    + " in securityContext.capabilities.add");
                }
            }
        }
    }
}
