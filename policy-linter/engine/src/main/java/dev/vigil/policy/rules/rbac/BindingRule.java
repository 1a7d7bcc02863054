package dev.vigil.policy.rules.rbac;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.RbacPolicyRules;

/** Shared entry of the rules about RoleBindings and ClusterRoleBindings. */
abstract class BindingRule extends BuiltInRule {
    BindingRule(String id) {
        super(id);
    }

    @Override
    public final void checkResource(Resource r, RuleContext ctx) {
        if (RbacPolicyRules.isBinding(r)) {
            checkBinding(r, ctx);
        }
    }

    abstract void checkBinding(Resource binding, RuleContext ctx);
}
