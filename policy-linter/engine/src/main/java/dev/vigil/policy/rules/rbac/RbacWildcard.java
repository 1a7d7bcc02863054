package dev.vigil.policy.rules.rbac;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.Severity;
import dev.vigil.policy.rules.support.RbacPolicyRules;

/**
 * A Role or ClusterRole grants {@code *} verbs or {@code *} resources: today's and every future permission. Ranked by
 * what it grants: {@code *} verbs on {@code *} resources of the core group or of every group is cluster-admin in all
 * but name (an error, one finding for the rule); a wildcard in only one of the two fields is a warning per field.
 */
final class RbacWildcard extends RoleRule {
    RbacWildcard() {
        super("rbac-wildcard");
    }

    @Override
    void check(Resource role, RbacPolicyRules.PolicyRule rule, RuleContext ctx) {
        if (rule.isFullWildcard()) {
            String groups = rule.apiGroups().contains("*") ? "every API group" : "the core API group";
            ctx.report(
                    role,
                    rule.path("verbs"),
                    name(role) + " grants every verb (\"*\") on every resource (\"*\") of " + groups
                            + ": cluster-admin in all but name",
                    null);
            return;
        }
        if (rule.verbs().contains("*")) {
            ctx.report(
                    role,
                    rule.path("verbs"),
                    name(role) + " uses wildcard \"*\" in verb specification",
                    Severity.WARNING);
        }
        if (rule.resources().contains("*")) {
            ctx.report(
                    role,
                    rule.path("resources"),
                    name(role) + " uses wildcard \"*\" in resource specification",
                    Severity.WARNING);
        }
    }
}
