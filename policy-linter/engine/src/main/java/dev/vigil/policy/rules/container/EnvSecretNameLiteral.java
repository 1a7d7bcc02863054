package dev.vigil.policy.rules.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Fields;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.SecretLiterals;

/**
 * An environment variable whose name says it holds a secret ({@code MYSQL_ROOT_PASSWORD}, {@code API_KEY},
 * {@code GF_SECURITY_ADMIN_PASSWORD}) is set to a literal value, however weak or short: {@code changeme} and
 * {@code admin} are the passwords attackers try first. References ({@code $(VAR)}, templates, secret-manager
 * references), paths and flags are not secrets. Values that {@code env-secret-literal} reports (credential-shaped
 * ones) are left to it, so one variable gives one finding.
 */
final class EnvSecretNameLiteral extends BuiltInRule {
    EnvSecretNameLiteral() {
        super("env-secret-name-literal");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            for (Fields.Item e : c.objects("env")) {
                JsonNode value = e.node().path("value");
                String name = e.node().path("name").asText("");
                if (!value.isValueNode()
                        || value.isNull()
                        || !SecretLiterals.secretName(name)
                        || SecretLiterals.notASecret(value.asText())
                        || SecretLiterals.why(name, value.asText()) != null) {
                    continue;
                }
                ctx.report(
                        c,
                        "env[" + e.index() + "].value",
                        "environment variable " + name + " of container \"" + c.name()
                                + "\" is set to a literal value, and its name says it holds a secret");
            }
        }
    }
}
