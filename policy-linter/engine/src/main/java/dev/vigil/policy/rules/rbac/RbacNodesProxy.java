package dev.vigil.policy.rules.rbac;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.support.RbacPolicyRules;

/**
 * A Role or ClusterRole grants {@code nodes/proxy}: direct access to the kubelet API of every node, which runs
 * commands in any pod of the node and bypasses admission and audit of pod exec.
 */
final class RbacNodesProxy extends RoleRule {
    RbacNodesProxy() {
        super("rbac-nodes-proxy");
    }

    @Override
    void check(Resource role, RbacPolicyRules.PolicyRule rule, RuleContext ctx) {
        boolean core = rule.apiGroups().contains("") || rule.apiGroups().contains("*");
        if (core
                && (rule.resources().contains("nodes/proxy") || rule.resources().contains("nodes/*"))
                && (rule.hasVerb("get") || rule.hasVerb("create"))) {
            ctx.report(
                    role, rule.path("resources"), name(role) + " grants nodes/proxy (the kubelet API of every node)");
        }
    }
}
