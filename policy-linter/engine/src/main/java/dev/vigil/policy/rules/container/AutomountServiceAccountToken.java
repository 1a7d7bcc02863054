package dev.vigil.policy.rules.container;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * The pod gets an API token mounted only because nobody decided otherwise: neither the pod nor its ServiceAccount
 * (when the input contains it) sets {@code automountServiceAccountToken}. An explicit {@code true} is a decision
 * and is not reported.
 */
final class AutomountServiceAccountToken extends BuiltInRule {
    AutomountServiceAccountToken() {
        super("automount-service-account-token");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        if (ServiceAccounts.automount(pod, ctx.resources()).isEmpty()) {
            ctx.report(
                    pod.owner(),
                    pod.path("automountServiceAccountToken"),
                    "pod mounts a token of service account \"" + ServiceAccounts.name(pod)
                            + "\" by default; automountServiceAccountToken is not set");
        }
    }
}
