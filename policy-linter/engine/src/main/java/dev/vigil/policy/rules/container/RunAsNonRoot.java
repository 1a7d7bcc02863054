package dev.vigil.policy.rules.container;

import dev.vigil.policy.EffectiveSecurityContext;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.OptionalLong;

/**
 * The container may run as root: its effective security context (pod level merged with container level) neither
 * sets {@code runAsNonRoot: true} nor a non-zero {@code runAsUser}, or it sets {@code runAsUser: 0}.
 *
 * <p>When the Pod Security Standards restricted checks run in the same evaluation ({@code pss-run-as-non-root}, and
 * {@code pss-run-as-user} from v1.23), they report every such container already; this rule then stays silent so
 * that the {@code recommended} profile reports each problem once.
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
            if (uid.isPresent() ? pssRunAsUserRuns(pod, ctx) : pssRunAsNonRootRuns(pod, ctx)) {
                continue;
            }
            if (uid.isPresent()) {
                ctx.report(c.pod().owner(), sc.get("runAsUser").path(), name + " runs as UID 0 (root)");
            } else if (sc.get("runAsNonRoot").isFalse()) {
                ctx.report(c.pod().owner(), sc.get("runAsNonRoot").path(), name + " sets runAsNonRoot to false");
            } else {
                ctx.report(c.pod().owner(), sc.get("runAsNonRoot").path(), name + " is not set to runAsNonRoot");
            }
        }
    }

    /** {@code pss-run-as-non-root} runs and applies (PSA exempts user-namespace pods from v1.35). */
    static boolean pssRunAsNonRootRuns(PodSpec pod, RuleContext ctx) {
        boolean userNamespace = pod.spec().path("hostUsers").isBoolean()
                && !pod.spec().path("hostUsers").booleanValue();
        return ctx.isRuleActive("pss-run-as-non-root")
                && !(userNamespace && ctx.pssVersion(pod.owner()).atLeast(35));
    }

    /** {@code pss-run-as-user} (no UID 0, since v1.23) runs. */
    static boolean pssRunAsUserRuns(PodSpec pod, RuleContext ctx) {
        return ctx.isRuleActive("pss-run-as-user")
                && ctx.pssVersion(pod.owner()).atLeast(23);
    }
}
