package dev.vigil.policy.rules.rbac;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.support.RbacPolicyRules;
import java.util.List;

/**
 * A Role or ClusterRole can exec into or attach to pods ({@code pods/exec}, {@code pods/attach}, {@code pods/*}
 * with {@code create} or {@code get}, which older clients use for the WebSocket upgrade): a shell in any pod it
 * covers, with that pod's service account and secrets.
 */
final class RbacPodExec extends RoleRule {
    RbacPodExec() {
        super("rbac-pod-exec");
    }

    @Override
    void check(Resource role, RbacPolicyRules.PolicyRule rule, RuleContext ctx) {
        boolean core = rule.apiGroups().contains("") || rule.apiGroups().contains("*");
        if (!core || !(rule.hasVerb("create") || rule.verbs().contains("get"))) {
            return;
        }
        for (String sub : List.of("pods/exec", "pods/attach", "pods/*")) {
            if (rule.resources().contains(sub)) {
                ctx.report(role, rule.path("resources"), name(role) + " grants " + sub);
                return;
            }
        }
    }
}
