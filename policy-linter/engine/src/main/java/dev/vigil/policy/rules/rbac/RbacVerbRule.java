package dev.vigil.policy.rules.rbac;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.support.RbacPolicyRules;
import java.util.Set;

/**
 * A Role or ClusterRole explicitly grants one privilege-escalation verb on given resources ({@code *} verbs are
 * left to {@code rbac-wildcard}).
 */
abstract class RbacVerbRule extends RoleRule {
    private final String verb;
    private final String group;
    private final Set<String> resources;

    RbacVerbRule(String id, String verb, String group, Set<String> resources) {
        super(id);
        this.verb = verb;
        this.group = group;
        this.resources = resources;
    }

    @Override
    void check(Resource role, RbacPolicyRules.PolicyRule rule, RuleContext ctx) {
        if (!rule.verbs().contains(verb)) {
            return;
        }
        for (String r : resources) {
            if (rule.covers(group, r)) {
                ctx.report(role, rule.path("verbs"), name(role) + " grants " + verb + " on " + r);
                return;
            }
        }
    }
}
