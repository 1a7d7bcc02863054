package dev.vigil.policy.rules.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Fields;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.SecretLiterals;

/**
 * A literal {@code env[].value} that is a credential. Built for precision: a value is reported when it matches the
 * shape of a well-known key or token (AWS, GitHub, GitLab, Slack, Stripe, Google, npm, SendGrid, JWT, PEM private
 * key, URL with a password), or when the variable's name ends in a secret word ({@code _PASSWORD}, {@code _TOKEN},
 * {@code _SECRET}, {@code _API_KEY}, …) and the value looks like a credential (8+ characters, no spaces, at least
 * two character classes, not a reference, path, URL, number or boolean).
 */
final class EnvSecretLiteral extends BuiltInRule {
    EnvSecretLiteral() {
        super("env-secret-literal");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            for (Fields.Item e : c.objects("env")) {
                JsonNode value = e.node().path("value");
                if (!value.isTextual()) {
                    continue;
                }
                String name = e.node().path("name").asText("");
                String why = SecretLiterals.why(name, value.asText());
                if (why != null) {
                    ctx.report(
                            c,
                            "env[" + e.index() + "].value",
                            "environment variable " + name + " of container \"" + c.name() + "\" holds " + why
                                    + " as a literal value");
                }
            }
        }
    }
}
