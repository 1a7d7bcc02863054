package dev.vigil.policy.rules.pss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.PssVersion;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * PSS restricted "Capabilities" (PSA check {@code capabilities_restricted}, from v1.22): every container must drop
 * {@code ALL} and may add only {@code NET_BIND_SERVICE}. From v1.25 Windows pods are exempt. Replaces
 * {@link CapabilitiesBaseline} at restricted.
 */
final class CapabilitiesRestricted extends BuiltInRule {
    static final String ID = "pss-capabilities-restricted";
    static final int SINCE = 22;

    CapabilitiesRestricted() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        PssVersion version = Pss.version(pod, ctx);
        if (!version.atLeast(SINCE) || (version.atLeast(25) && Pss.isWindows(pod))) {
            return;
        }
        for (PodSpec.Container c : pod.allContainers()) {
            JsonNode caps = c.json().path("securityContext").path("capabilities");
            if (!dropsAll(caps.path("drop"))) {
                ctx.report(
                        c,
                        "securityContext.capabilities.drop",
                        Pss.container(c) + " must set securityContext.capabilities.drop=[\"ALL\"]");
            }
            JsonNode add = caps.path("add");
            for (int i = 0; i < add.size(); i++) {
                String cap = Pss.text(add.get(i));
                if (!cap.equals("NET_BIND_SERVICE")) {
                    ctx.report(
                            c,
                            "securityContext.capabilities.add[" + i + "]",
                            Pss.container(c) + " must not include " + Pss.quote(cap)
                                    + " in securityContext.capabilities.add");
                }
            }
        }
    }

    private static boolean dropsAll(JsonNode drop) {
        for (JsonNode cap : drop) {
            if ("ALL".equals(Pss.text(cap))) {
                return true;
            }
        }
        return false;
    }
}
