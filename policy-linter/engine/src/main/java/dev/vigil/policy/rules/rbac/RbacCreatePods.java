package dev.vigil.policy.rules.rbac;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.support.RbacPolicyRules;

/**
 * A Role or ClusterRole can create pods: a pod can run as any service account of its namespace and mount any of its
 * Secrets, so {@code create pods} is read access to all of them. Rules with {@code *} resources are left to
 * {@code rbac-wildcard}.
 */
final class RbacCreatePods extends RoleRule {
    RbacCreatePods() {
        super("rbac-create-pods");
    }

    @Override
    void check(Resource role, RbacPolicyRules.PolicyRule rule, RuleContext ctx) {
        boolean core = rule.apiGroups().contains("") || rule.apiGroups().contains("*");
        if (core && rule.resources().contains("pods") && rule.hasVerb("create")) {
            ctx.report(
                    role,
                    rule.path("verbs"),
                    name(role) + " has [" + (rule.verbs().contains("create") ? "create" : "*") + "] access to [pods]");
        }
    }
}
