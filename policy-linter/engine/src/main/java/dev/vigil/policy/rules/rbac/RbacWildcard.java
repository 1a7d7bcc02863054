package dev.vigil.policy.rules.rbac;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.support.RbacPolicyRules;

/** A Role or ClusterRole grants {@code *} verbs or {@code *} resources: today's and every future permission. */
final class RbacWildcard extends RoleRule {
    RbacWildcard() {
        super("rbac-wildcard");
    }

    @Override
    void check(Resource role, RbacPolicyRules.PolicyRule rule, RuleContext ctx) {
        if (rule.verbs().contains("*")) {
            ctx.report(role, rule.path("verbs"), name(role) + " uses wildcard \"*\" in verb specification");
        }
        if (rule.resources().contains("*")) {
            ctx.report(role, rule.path("resources"), name(role) + " uses wildcard \"*\" in resource specification");
        }
    }
}
