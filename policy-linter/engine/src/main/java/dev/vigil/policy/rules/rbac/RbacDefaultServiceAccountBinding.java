package dev.vigil.policy.rules.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Fields;
import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;

/**
 * A binding grants a role to a namespace's {@code default} ServiceAccount, which every pod without its own account
 * uses: the permission goes to all of them.
 */
final class RbacDefaultServiceAccountBinding extends BindingRule {
    RbacDefaultServiceAccountBinding() {
        super("rbac-default-service-account-binding");
    }

    @Override
    void checkBinding(Resource b, RuleContext ctx) {
        for (Fields.Item item : Fields.objects(b, "subjects")) {
            JsonNode s = item.node();
            if (s.path("kind").asText("").equals("ServiceAccount")
                    && s.path("name").asText("").equals("default")) {
                String ns = s.path("namespace").asText(b.namespace());
                ctx.report(
                        b,
                        item.path("name"),
                        b.kind() + " \"" + b.name() + "\" grants role \""
                                + b.json().path("roleRef").path("name").asText("") + "\" to the default service account"
                                + (ns.isEmpty() ? "" : " of namespace " + ns));
            }
        }
    }
}
