package dev.vigil.policy.rules.container;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * The pod names a ServiceAccount that the input does not define although the input defines ServiceAccounts in the
 * same namespace (otherwise the account is presumably managed elsewhere and nothing is reported). Pods of such a
 * workload are never created.
 */
final class NonExistentServiceAccount extends BuiltInRule {
    NonExistentServiceAccount() {
        super("non-existent-service-account");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        String name = ServiceAccounts.name(pod);
        if (name.equals("default")) {
            return;
        }
        boolean accountsInNamespace = !ctx.resources()
                .ofKindIn("ServiceAccount", pod.owner().namespace())
                .isEmpty();
        if (accountsInNamespace && ServiceAccounts.account(pod, ctx.resources()).isEmpty()) {
            ctx.report(pod.owner(), ServiceAccounts.namePath(pod), "serviceAccount \"" + name + "\" not found");
        }
    }
}
