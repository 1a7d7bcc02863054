package dev.vigil.policy.rules.rbac;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.support.RbacPolicyRules;

/**
 * A Role or ClusterRole can approve CertificateSigningRequests ({@code update} on
 * {@code certificatesigningrequests/approval}): together with {@code create} on CSRs it mints client certificates
 * for any user or group, {@code system:masters} included.
 */
final class RbacCsrApproval extends RoleRule {
    RbacCsrApproval() {
        super("rbac-csr-approval");
    }

    @Override
    void check(Resource role, RbacPolicyRules.PolicyRule rule, RuleContext ctx) {
        if (rule.verbs().contains("*") || rule.resources().contains("*")) {
            return;
        }
        if (rule.covers("certificates.k8s.io", "certificatesigningrequests/approval")
                && (rule.verbs().contains("update") || rule.verbs().contains("patch"))) {
            ctx.report(
                    role,
                    rule.path("resources"),
                    name(role) + " can approve CertificateSigningRequests (certificatesigningrequests/approval)");
        }
    }
}
