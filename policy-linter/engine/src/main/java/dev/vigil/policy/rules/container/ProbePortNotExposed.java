package dev.vigil.policy.rules.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Fields;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A liveness, readiness or startup probe targets a named port that the container does not define in
 * {@code ports[].name}: the kubelet resolves a probe's port name against the container's own ports only, so the
 * probe can never succeed. Numeric probe ports are never reported: a container may listen on ports it does not
 * declare (declaring ports is informational in Kubernetes), and controllers commonly probe undeclared health or
 * metrics ports.
 */
final class ProbePortNotExposed extends BuiltInRule {
    private static final List<String> PROBES = List.of("livenessProbe", "readinessProbe", "startupProbe");
    private static final List<String> HANDLERS = List.of("httpGet", "tcpSocket", "grpc");

    ProbePortNotExposed() {
        super("probe-port-not-exposed");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            Set<String> names = new HashSet<>();
            for (Fields.Item p : c.objects("ports")) {
                if (p.node().hasNonNull("name")) {
                    names.add(p.node().path("name").asText());
                }
            }
            for (String probe : PROBES) {
                for (String handler : HANDLERS) {
                    JsonNode port = c.json().path(probe).path(handler).path("port");
                    String field = probe + "." + handler + ".port";
                    if (port.isTextual() && !port.asText().chars().allMatch(Character::isDigit)) {
                        if (!names.contains(port.asText())) {
                            ctx.report(
                                    c,
                                    field,
                                    probe + " of container \"" + c.name() + "\" uses port \"" + port.asText()
                                            + "\", which the container does not define");
                        }
                    }
                }
            }
        }
    }
}
