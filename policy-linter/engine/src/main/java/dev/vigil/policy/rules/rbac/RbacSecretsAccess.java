package dev.vigil.policy.rules.rbac;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.support.RbacPolicyRules;
import java.util.ArrayList;
import java.util.List;

/**
 * A Role or ClusterRole can read Secrets: {@code list} or {@code watch} (which return every Secret's data), or
 * {@code get} without {@code resourceNames}. {@code get} restricted to named Secrets is the least-privilege form and
 * is not reported; rules with {@code *} resources are left to {@code rbac-wildcard}.
 */
final class RbacSecretsAccess extends RoleRule {
    RbacSecretsAccess() {
        super("rbac-secrets-access");
    }

    @Override
    void check(Resource role, RbacPolicyRules.PolicyRule rule, RuleContext ctx) {
        if (!(rule.apiGroups().contains("") || rule.apiGroups().contains("*"))
                || !rule.resources().contains("secrets")) {
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
            ctx.report(role, rule.path("verbs"), name(role) + " has " + verbs + " access to [secrets]");
        }
    }
}
