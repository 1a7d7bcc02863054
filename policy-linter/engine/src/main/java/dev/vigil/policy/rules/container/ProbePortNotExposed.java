package dev.vigil.policy.rules.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A liveness, readiness or startup probe targets a port the container does not expose: a named port that no
 * {@code ports[].name} defines (the probe can never succeed), or a numeric port when the container declares ports
 * and none of them is that number (a typo, most of the time). Numeric probe ports of containers that declare no
 * ports are not reported: declaring ports is optional in Kubernetes.
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
            Set<Integer> numbers = new HashSet<>();
            for (JsonNode p : c.json().path("ports")) {
                if (p.hasNonNull("name")) {
                    names.add(p.path("name").asText());
                }
                if (p.path("containerPort").canConvertToInt()) {
                    numbers.add(p.path("containerPort").asInt());
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
                    } else if (!port.isMissingNode() && !numbers.isEmpty() && !numbers.contains(port.asInt())) {
                        ctx.report(
                                c,
                                field,
                                probe + " of container \"" + c.name() + "\" uses port " + port.asText()
                                        + ", which is not among the container's ports " + numbers);
                    }
                }
            }
        }
    }
}
