package dev.vigil.policy.rules.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Fields;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/** {@code envFrom} imports a whole Secret: every key, including ones added later, becomes an environment variable. */
final class EnvFromSecret extends BuiltInRule {
    EnvFromSecret() {
        super("env-from-secret");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            for (Fields.Item e : c.objects("envFrom")) {
                JsonNode ref = e.node().path("secretRef");
                if (ref.isObject()) {
                    ctx.report(
                            c,
                            "envFrom[" + e.index() + "].secretRef",
                            "container \"" + c.name() + "\" imports every key of secret \""
                                    + ref.path("name").asText("") + "\" as environment variables");
                }
            }
        }
    }
}
