package dev.vigil.policy.rules.container;

import dev.vigil.policy.Fields;
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
            Set<String> seen = new HashSet<>();
            for (Fields.Item e : c.objects("env")) {
                String name = e.node().path("name").asText("");
                if (!name.isEmpty() && !seen.add(name)) {
                    ctx.report(
                            c,
                            "env[" + e.index() + "].name",
                            "environment variable " + name + " is set more than once in container \"" + c.name()
                                    + "\"");
                }
            }
        }
    }
}
