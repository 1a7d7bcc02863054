package dev.vigil.policy.rules.pss;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.PssVersion;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * PSS restricted "Privilege Escalation" (PSA check {@code allowPrivilegeEscalation}, from v1.8): every container
 * must set {@code securityContext.allowPrivilegeEscalation: false}. From v1.25 Windows pods
 * ({@code spec.os.name: windows}) are exempt.
 */
final class AllowPrivilegeEscalation extends BuiltInRule {
    static final String ID = "pss-allow-privilege-escalation";
    static final int SINCE = 8;
    private static final String FIELD = "securityContext.allowPrivilegeEscalation";

    AllowPrivilegeEscalation() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        PssVersion version = Pss.version(pod, ctx);
        if (!version.atLeast(SINCE) || (version.atLeast(25) && Pss.isWindows(pod))) {
            return;
        }
        for (PodSpec.Container c : pod.allContainers()) {
            if (!Pss.isFalse(c.json().path("securityContext").path("allowPrivilegeEscalation"))) {
                ctx.report(c, FIELD, Pss.container(c) + " must set " + FIELD + "=false");
            }
        }
    }
}
