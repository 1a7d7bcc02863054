package dev.vigil.policy.rules.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Fields;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/** Shared loop of the container-port rules. */
abstract class PortRule extends BuiltInRule {
    PortRule(String id) {
        super(id);
    }

    @Override
    public final void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            for (Fields.Item port : c.objects("ports")) {
                JsonNode p = port.node();
                if (p.path("containerPort").canConvertToInt()) {
                    String message = check(
                            c,
                            p.path("containerPort").asInt(),
                            p.path("protocol").asText("TCP"));
                    if (message != null) {
                        ctx.report(c, "ports[" + port.index() + "].containerPort", message);
                    }
                }
            }
        }
    }

    /** The finding's message for this port, or null. */
    abstract String check(PodSpec.Container c, int port, String protocol);
}
