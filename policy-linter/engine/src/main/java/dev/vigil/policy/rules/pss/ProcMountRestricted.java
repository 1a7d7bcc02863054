package dev.vigil.policy.rules.pss;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * PSS restricted "/proc Mount Type" (PSA check {@code procMount_restricted}, from v1.35):
 * {@code securityContext.procMount} must be unset or {@code Default} even for a pod in a user namespace. Replaces
 * {@link ProcMount} at restricted; before v1.35 the baseline rule applies to restricted unchanged.
 */
final class ProcMountRestricted extends BuiltInRule {
    static final String ID = "pss-proc-mount-restricted";
    static final int SINCE = 35;

    ProcMountRestricted() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        if (Pss.version(pod, ctx).atLeast(SINCE)) {
            ProcMount.reportNonDefault(pod, ctx);
        }
    }
}
