package dev.vigil.policy.rules.rbac;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.RbacPolicyRules;

/**
 * Shared loop of the rules that judge the {@code rules} of Roles and ClusterRoles. Aggregated ClusterRoles
 * ({@code aggregationRule}) are skipped: the controller fills their rules from other roles, which are checked
 * themselves.
 */
abstract class RoleRule extends BuiltInRule {
    RoleRule(String id) {
        super(id);
    }

    @Override
    public final void checkResource(Resource r, RuleContext ctx) {
        if (!RbacPolicyRules.isRole(r) || r.json().has("aggregationRule")) {
            return;
        }
        for (RbacPolicyRules.PolicyRule rule : RbacPolicyRules.of(r)) {
            check(r, rule, ctx);
        }
    }

    abstract void check(Resource role, RbacPolicyRules.PolicyRule rule, RuleContext ctx);

    static String name(Resource role) {
        return role.kind() + " \"" + role.name() + "\"";
    }
}
