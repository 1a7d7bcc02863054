package dev.vigil.policy.rules.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/** A secret is passed as an environment variable ({@code valueFrom.secretKeyRef}) rather than as a file. */
final class EnvSecretKeyRef extends BuiltInRule {
    EnvSecretKeyRef() {
        super("env-secret-key-ref");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            JsonNode env = c.json().path("env");
            for (int i = 0; i < env.size(); i++) {
                if (env.get(i).path("valueFrom").path("secretKeyRef").isObject()) {
                    ctx.report(
                            c,
                            "env[" + i + "].valueFrom.secretKeyRef",
                            "environment variable \"" + env.get(i).path("name").asText("") + "\" in container \""
                                    + c.name() + "\" uses SecretKeyRef");
                }
            }
        }
    }
}
