package dev.vigil.policy.rules.rbac;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.support.RbacPolicyRules;
import java.util.ArrayList;
import java.util.List;

/**
 * A Role or ClusterRole can read Secrets: {@code list} or {@code watch} (which return every Secret's data), or
 * {@code get} without {@code resourceNames}, on {@code secrets} or on every resource ({@code *}, which includes
 * them). {@code get} restricted to named Secrets is the least-privilege form and is not reported; a full wildcard
 * rule ({@code *} verbs on {@code *} resources) is left to {@code rbac-wildcard}, which reports it as an error.
 */
final class RbacSecretsAccess extends RoleRule {
    RbacSecretsAccess() {
        super("rbac-secrets-access");
    }

    @Override
    void check(Resource role, RbacPolicyRules.PolicyRule rule, RuleContext ctx) {
        boolean all = rule.resources().contains("*");
        if (!(rule.apiGroups().contains("") || rule.apiGroups().contains("*"))
                || !(rule.resources().contains("secrets") || all)
                || rule.isFullWildcard()) {
            return;
        }
        List<String> verbs = new ArrayList<>();
        for (String v : List.of("list", "watch", "*")) {
            if (rule.verbs().contains(v)) {
                verbs.add(v);
            }
        }
        if (rule.verbs().contains("get") && rule.resourceNames().isEmpty()) {
            verbs.add(0, "get");
        }
        if (!verbs.isEmpty()) {
            ctx.report(
                    role,
                    rule.path("verbs"),
                    name(role) + " has " + verbs + " access to "
                            + (rule.resources().contains("secrets") ? "[secrets]" : "[*], which includes secrets"));
        }
    }
}
