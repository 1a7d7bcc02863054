package dev.vigil.policy.rules.pss;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * PSS baseline "HostProcess" (PSA check {@code windowsHostProcess}, all versions):
 * {@code securityContext.windowsOptions.hostProcess} of the pod and its containers must be unset or false.
 */
final class WindowsHostProcess extends BuiltInRule {
    static final String ID = "pss-windows-host-process";
    private static final String FIELD = "securityContext.windowsOptions.hostProcess";

    WindowsHostProcess() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        if (Pss.isTrue(pod.spec().path("securityContext").path("windowsOptions").path("hostProcess"))) {
            ctx.report(pod.owner(), pod.path(FIELD), "pod must not set " + FIELD + "=true");
        }
        for (PodSpec.Container c : pod.allContainers()) {
            if (Pss.isTrue(
                    c.json().path("securityContext").path("windowsOptions").path("hostProcess"))) {
                ctx.report(c, FIELD, Pss.container(c) + " must not set " + FIELD + "=true");
            }
        }
    }
}
