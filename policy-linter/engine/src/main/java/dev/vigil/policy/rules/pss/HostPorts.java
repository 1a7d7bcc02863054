package dev.vigil.policy.rules.pss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Fields;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * PSS baseline "Host Ports" (PSA check {@code hostPorts}, all versions): {@code ports[*].hostPort} must be unset or
 * 0 on every container.
 */
final class HostPorts extends BuiltInRule {
    static final String ID = "pss-host-ports";

    HostPorts() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            for (Fields.Item p : c.objects("ports")) {
                JsonNode hostPort = p.node().path("hostPort");
                if (Pss.isSet(hostPort) && !"0".equals(Pss.text(hostPort))) {
                    ctx.report(
                            c,
                            "ports[" + p.index() + "].hostPort",
                            Pss.container(c) + " uses hostPort " + Pss.text(hostPort));
                }
            }
        }
    }
}
