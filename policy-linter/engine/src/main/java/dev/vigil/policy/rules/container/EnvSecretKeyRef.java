package dev.vigil.policy.rules.container;

import dev.vigil.policy.Fields;
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
            for (Fields.Item e : c.objects("env")) {
                if (e.node().path("valueFrom").path("secretKeyRef").isObject()) {
                    ctx.report(
                            c,
                            "env[" + e.index() + "].valueFrom.secretKeyRef",
                            "environment variable \"" + e.node().path("name").asText("") + "\" in container \""
                                    + c.name() + "\" uses SecretKeyRef");
                }
            }
        }
    }
}
