package dev.vigil.policy.rules.rbac;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.support.RbacPolicyRules;

/**
 * A Role or ClusterRole can mint tokens for service accounts ({@code create} on {@code serviceaccounts/token}):
 * every permission of every account in scope. Rules restricted by {@code resourceNames} are not reported.
 */
final class RbacServiceAccountToken extends RoleRule {
    RbacServiceAccountToken() {
        super("rbac-serviceaccount-token");
    }

    @Override
    void check(Resource role, RbacPolicyRules.PolicyRule rule, RuleContext ctx) {
        if (rule.verbs().contains("*")
                || rule.resources().contains("*")
                || !rule.resourceNames().isEmpty()) {
            return;
        }
        if (rule.coversCore("serviceaccounts/token") && rule.verbs().contains("create")) {
            ctx.report(
                    role, rule.path("resources"), name(role) + " can create tokens for any service account in scope");
        }
    }
}
