package dev.vigil.policy.rules.rbac;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.support.RbacPolicyRules;
import java.util.Set;

/**
 * A Role or ClusterRole grants one privilege-escalation verb on given resources, by name or with the {@code *} verb
 * (which includes it); a full wildcard rule ({@code *} verbs on {@code *} resources) is left to {@code rbac-wildcard},
 * which reports it as an error.
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
        if (!rule.hasVerb(verb) || rule.isFullWildcard()) {
            return;
        }
        String how = rule.verbs().contains(verb) ? verb : verb + " (through the \"*\" verb)";
        for (String r : resources) {
            if (rule.covers(group, r)) {
                ctx.report(role, rule.path("verbs"), name(role) + " grants " + how + " on " + r);
                return;
            }
        }
    }
}
