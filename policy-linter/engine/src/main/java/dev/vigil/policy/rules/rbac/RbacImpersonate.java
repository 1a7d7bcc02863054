package dev.vigil.policy.rules.rbac;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.support.RbacPolicyRules;
import java.util.List;

/**
 * {@code impersonate} (by name or through the {@code *} verb) on users, groups, service accounts or UIDs lets a
 * subject act as anyone, system:masters included. A full wildcard rule is left to {@code rbac-wildcard}.
 */
final class RbacImpersonate extends RoleRule {
    private static final List<String> TARGETS = List.of("users", "groups", "serviceaccounts", "uids", "userextras/*");

    RbacImpersonate() {
        super("rbac-impersonate");
    }

    @Override
    void check(Resource role, RbacPolicyRules.PolicyRule rule, RuleContext ctx) {
        if (!rule.hasVerb("impersonate") || rule.isFullWildcard()) {
            return;
        }
        for (String t : TARGETS) {
            if (rule.resources().contains(t) || rule.resources().contains("*")) {
                ctx.report(role, rule.path("verbs"), name(role) + " grants impersonate on " + rule.resources());
                return;
            }
        }
    }
}
