package dev.vigil.policy.rules.rbac;

import dev.vigil.policy.Rule;
import java.util.List;

/** RBAC rules: wildcards, secrets, pod creation and exec, escalation verbs, dangerous bindings. */
public final class RbacRules {
    private RbacRules() {}

    public static List<Rule> all() {
        return List.of(
                new RbacWildcard(),
                new RbacClusterAdminBinding(),
                new RbacSecretsAccess(),
                new RbacCreatePods(),
                new RbacPodExec(),
                new RbacEscalateVerb(),
                new RbacBindVerb(),
                new RbacImpersonate(),
                new RbacAnonymousBinding(),
                new RbacDefaultServiceAccountBinding(),
                new RbacNodesProxy(),
                new RbacWebhookConfiguration(),
                new RbacCsrApproval(),
                new RbacServiceAccountToken());
    }
}
