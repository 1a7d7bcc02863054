package dev.vigil.policy.rules.container;

import dev.vigil.policy.EffectiveSecurityContext;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The effective {@code runAsUser} is set below 10000 (UID 0 is left to {@code run-as-non-root}; an unset UID is the
 * image's choice and is not reported). A value inherited from the pod level is reported once, at the pod.
 */
final class RunAsHighUid extends BuiltInRule {
    static final long MIN_UID = 10000;

    RunAsHighUid() {
        super("run-as-high-uid");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        Set<String> reported = new HashSet<>();
        for (PodSpec.Container c : pod.allContainers()) {
            EffectiveSecurityContext sc = c.effectiveSecurityContext();
            OptionalLong uid = sc.runAsUser();
            if (sc.windows() || uid.isEmpty() || uid.getAsLong() == 0 || uid.getAsLong() >= MIN_UID) {
                continue;
            }
            String path = sc.get("runAsUser").path();
            if (reported.add(path)) {
                ctx.report(
                        c.pod().owner(),
                        path,
                        "container \"" + c.name() + "\" runs as UID " + uid.getAsLong() + ", below " + MIN_UID);
            }
        }
    }
}
