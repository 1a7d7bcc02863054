package dev.vigil.policy.rules.container;

import dev.vigil.policy.EffectiveSecurityContext;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/** The container's root filesystem is writable. Windows pods are skipped (the field does not apply). */
final class ReadOnlyRootFilesystem extends BuiltInRule {
    ReadOnlyRootFilesystem() {
        super("read-only-root-filesystem");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            EffectiveSecurityContext sc = c.effectiveSecurityContext();
            if (!sc.windows() && !sc.readOnlyRootFilesystem()) {
                ctx.report(
                        c.pod().owner(),
                        sc.get("readOnlyRootFilesystem").path(),
                        "container \"" + c.name() + "\" does not have a read-only root filesystem");
            }
        }
    }
}
