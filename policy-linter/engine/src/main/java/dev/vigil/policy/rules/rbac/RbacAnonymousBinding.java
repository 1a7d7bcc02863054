package dev.vigil.policy.rules.rbac;

import dev.vigil.policy.Fields;
import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import java.util.Set;

/**
 * A binding grants a role to {@code system:anonymous} or {@code system:unauthenticated}: to anyone who can reach
 * the API server. The upstream default binding of {@code system:public-info-viewer} (version and health endpoints)
 * is not reported.
 */
final class RbacAnonymousBinding extends BindingRule {
    private static final Set<String> ANONYMOUS = Set.of("system:anonymous", "system:unauthenticated");

    RbacAnonymousBinding() {
        super("rbac-anonymous-binding");
    }

    @Override
    void checkBinding(Resource b, RuleContext ctx) {
        String role = b.json().path("roleRef").path("name").asText("");
        if (role.equals("system:public-info-viewer")) {
            return;
        }
        for (Fields.Item s : Fields.objects(b, "subjects")) {
            String name = s.node().path("name").asText("");
            if (ANONYMOUS.contains(name)) {
                ctx.report(
                        b, s.path("name"), b.kind() + " \"" + b.name() + "\" grants role \"" + role + "\" to " + name);
            }
        }
    }
}
