package dev.vigil.policy.rules.rbac;

import java.util.Set;

/** {@code bind} on roles lets a subject bind any role, including ones with permissions it does not have. */
final class RbacBindVerb extends RbacVerbRule {
    RbacBindVerb() {
        super("rbac-bind-verb", "bind", "rbac.authorization.k8s.io", Set.of("roles", "clusterroles"));
    }
}
