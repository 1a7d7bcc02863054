package dev.vigil.policy.rules.rbac;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;

/** A binding grants the {@code cluster-admin} ClusterRole: full control of the cluster (or the namespace). */
final class RbacClusterAdminBinding extends BindingRule {
    RbacClusterAdminBinding() {
        super("rbac-cluster-admin-binding");
    }

    @Override
    void checkBinding(Resource b, RuleContext ctx) {
        var ref = b.json().path("roleRef");
        if (ref.path("kind").asText("").equals("ClusterRole")
                && ref.path("name").asText("").equals("cluster-admin")) {
            ctx.report(
                    b,
                    "roleRef.name",
                    "cluster-admin role is bound to " + b.json().path("subjects"));
        }
    }
}
