package dev.vigil.policy.rules.container;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * The pod runs as the namespace's {@code default} ServiceAccount, which every other pod without an account shares.
 * Pods that do not mount its token ({@code automountServiceAccountToken: false} on the pod or on the default
 * account in the input) cannot use that identity and are not reported.
 */
final class DefaultServiceAccount extends BuiltInRule {
    DefaultServiceAccount() {
        super("default-service-account");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        if (ServiceAccounts.name(pod).equals("default")
                && ServiceAccounts.automount(pod, ctx.resources()).orElse(true)) {
            ctx.report(pod.owner(), ServiceAccounts.namePath(pod), "found matching serviceAccount (\"default\")");
        }
    }
}
