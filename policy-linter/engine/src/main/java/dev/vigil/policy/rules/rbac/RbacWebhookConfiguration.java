package dev.vigil.policy.rules.rbac;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.support.RbacPolicyRules;
import java.util.List;

/**
 * A Role or ClusterRole can create or change admission webhook configurations: whoever can register a webhook sees
 * (and, if mutating, rewrites) every object sent to the API server, Secrets included, or can switch policy off.
 */
final class RbacWebhookConfiguration extends RoleRule {
    private static final List<String> RESOURCES =
            List.of("mutatingwebhookconfigurations", "validatingwebhookconfigurations");
    private static final List<String> VERBS = List.of("create", "update", "patch", "delete");

    RbacWebhookConfiguration() {
        super("rbac-webhook-configuration");
    }

    @Override
    void check(Resource role, RbacPolicyRules.PolicyRule rule, RuleContext ctx) {
        if (rule.resources().contains("*") || rule.verbs().contains("*")) {
            return;
        }
        for (String r : RESOURCES) {
            if (rule.covers("admissionregistration.k8s.io", r) && VERBS.stream().anyMatch(rule.verbs()::contains)) {
                ctx.report(role, rule.path("verbs"), name(role) + " can change " + r);
                return;
            }
        }
    }
}
