package dev.vigil.policy.rules.container;

import dev.vigil.policy.EffectiveSecurityContext;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.OptionalLong;

/**
 * The container may run as root: its effective security context (pod level merged with container level) neither
 * sets {@code runAsNonRoot: true} nor a non-zero {@code runAsUser}, or it sets {@code runAsUser: 0}.
 */
final class RunAsNonRoot extends BuiltInRule {
    RunAsNonRoot() {
        super("run-as-non-root");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            EffectiveSecurityContext sc = c.effectiveSecurityContext();
            if (sc.windows() || sc.nonRoot()) {
                continue;
            }
            OptionalLong uid = sc.runAsUser();
            String name = "container \"" + c.name() + "\"";
            if (uid.isPresent()) {
                ctx.report(c.pod().owner(), sc.get("runAsUser").path(), name + " runs as UID 0 (root)");
            } else if (sc.get("runAsNonRoot").isFalse()) {
                ctx.report(c.pod().owner(), sc.get("runAsNonRoot").path(), name + " sets runAsNonRoot to false");
            } else {
                ctx.report(c.pod().owner(), sc.get("runAsNonRoot").path(), name + " is not set to runAsNonRoot");
            }
        }
    }
}
