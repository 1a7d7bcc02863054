package dev.vigil.policy.rules.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.HashSet;
import java.util.Set;

/** The same environment variable name appears twice in a container's {@code env}: the last one silently wins. */
final class DuplicateEnvVar extends BuiltInRule {
    DuplicateEnvVar() {
        super("duplicate-env-var");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            JsonNode env = c.json().path("env");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < env.size(); i++) {
                String name = env.get(i).path("name").asText("");
                if (!name.isEmpty() && !seen.add(name)) {
                    ctx.report(
                            c,
                            "env[" + i + "].name",
                            "environment variable " + name + " is set more than once in container \"" + c.name()
                                    + "\"");
                }
            }
        }
    }
}
