package dev.vigil.policy.rules.pss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * PSS baseline "/proc Mount Type" (PSA check {@code procMount}): {@code securityContext.procMount} must be unset or
 * {@code Default}. From v1.35 a pod in a user namespace ({@code hostUsers: false}) may use any value. At restricted
 * from v1.35 PSA replaces it with {@code procMount_restricted} ({@link ProcMountRestricted}), so it stays silent
 * when that rule runs.
 */
final class ProcMount extends BuiltInRule {
    static final String ID = "pss-proc-mount";

    ProcMount() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        if (Pss.overriddenBy(ProcMountRestricted.ID, ProcMountRestricted.SINCE, pod, ctx)) {
            return;
        }
        if (Pss.version(pod, ctx).atLeast(35) && Pss.inUserNamespace(pod)) {
            return;
        }
        reportNonDefault(pod, ctx);
    }

    /** PSA {@code procMount_1_0}: every container's procMount must be unset or Default. */
    static void reportNonDefault(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            JsonNode procMount = c.json().path("securityContext").path("procMount");
            if (Pss.isSet(procMount) && !"Default".equals(Pss.text(procMount))) {
                ctx.report(
                        c,
                        "securityContext.procMount",
                        Pss.container(c) + " must not set securityContext.procMount to "
                                + Pss.quote(Pss.text(procMount)));
            }
        }
    }
}
