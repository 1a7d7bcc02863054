package dev.vigil.policy.rules.pss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.List;

/**
 * PSS baseline "Host Probes / Lifecycle Hooks" (PSA check {@code hostProbesAndHostLifecycle}, from v1.34): the
 * {@code host} of {@code httpGet} and {@code tcpSocket} handlers in liveness, readiness and startup probes and in
 * {@code postStart}/{@code preStop} lifecycle hooks must be unset or empty.
 */
final class HostProbesAndLifecycle extends BuiltInRule {
    static final String ID = "pss-host-probes-lifecycle";
    static final int SINCE = 34;
    private static final List<String> HANDLERS =
            List.of("livenessProbe", "readinessProbe", "startupProbe", "lifecycle.postStart", "lifecycle.preStop");
    /** {@link #HANDLERS} split at the dots once (not per container and review). */
    private static final List<String[]> HANDLER_PARTS =
            HANDLERS.stream().map(h -> h.split("\\.")).toList();

    private static final List<String> ACTIONS = List.of("httpGet", "tcpSocket");

    HostProbesAndLifecycle() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        if (!Pss.version(pod, ctx).atLeast(SINCE)) {
            return;
        }
        for (PodSpec.Container c : pod.allContainers()) {
            for (int i = 0; i < HANDLERS.size(); i++) {
                String handler = HANDLERS.get(i);
                JsonNode h = at(c.json(), HANDLER_PARTS.get(i));
                for (String action : ACTIONS) {
                    String host = Pss.text(h.path(action).path("host"));
                    if (!host.isEmpty()) {
                        String field = handler + "." + action + ".host";
                        ctx.report(c, field, Pss.container(c) + " must not set " + field + "=" + Pss.quote(host));
                    }
                }
            }
        }
    }

    private static JsonNode at(JsonNode node, String[] parts) {
        for (String part : parts) {
            node = node.path(part);
        }
        return node;
    }
}
