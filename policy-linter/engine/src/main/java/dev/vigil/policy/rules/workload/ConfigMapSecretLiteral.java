package dev.vigil.policy.rules.workload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.SecretLiterals;
import java.util.Iterator;
import java.util.Map;

/**
 * A ConfigMap holds a credential: ConfigMaps are readable by far more subjects than Secrets, are not encrypted at
 * rest by default and end up in Git. Same detector as {@code env-secret-literal}: well-known key and token shapes
 * anywhere in a value, or a secret-named key with a credential-like single-line value.
 */
final class ConfigMapSecretLiteral extends BuiltInRule {
    ConfigMapSecretLiteral() {
        super("configmap-secret-literal");
    }

    @Override
    public void checkResource(Resource r, RuleContext ctx) {
        if (!r.kind().equals("ConfigMap") || !r.apiVersion().equals("v1")) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = r.json().path("data").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                continue;
            }
            String why = SecretLiterals.why(e.getKey(), e.getValue().asText());
            if (why != null) {
                ctx.report(
                        r,
                        "data[\"" + e.getKey() + "\"]",
                        "ConfigMap \"" + r.name() + "\" key " + e.getKey() + " holds " + why);
            }
        }
    }
}
