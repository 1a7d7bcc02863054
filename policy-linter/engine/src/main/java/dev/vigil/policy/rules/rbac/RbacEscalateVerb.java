package dev.vigil.policy.rules.rbac;

import java.util.Set;

/** {@code escalate} on roles lets a subject write roles with permissions it does not have. */
final class RbacEscalateVerb extends RbacVerbRule {
    RbacEscalateVerb() {
        super("rbac-escalate-verb", "escalate", "rbac.authorization.k8s.io", Set.of("roles", "clusterroles"));
    }
}
