package dev.vigil.policy.rules.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.Locale;
import java.util.Set;

/** {@code capabilities.add} names a capability that gives a container host-level power. */
final class DangerousCapabilities extends BuiltInRule {
    static final Set<String> DANGEROUS = Set.of(
            "ALL",
            "SYS_ADMIN",
            "NET_ADMIN",
            "NET_RAW",
            "SYS_MODULE",
            "SYS_PTRACE",
            "SYS_RAWIO",
            "SYS_BOOT",
            "SYS_TIME",
            "BPF",
            "PERFMON",
            "DAC_READ_SEARCH",
            "MAC_ADMIN",
            "MAC_OVERRIDE",
            "SYSLOG");

    DangerousCapabilities() {
        super("dangerous-capabilities");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            JsonNode add = c.json().path("securityContext").path("capabilities").path("add");
            for (int i = 0; i < add.size(); i++) {
                String cap = add.get(i).asText("").strip().toUpperCase(Locale.ROOT);
                String bare = cap.startsWith("CAP_") ? cap.substring(4) : cap;
                if (DANGEROUS.contains(bare)) {
                    ctx.report(
                            c,
                            "securityContext.capabilities.add[" + i + "]",
                            "container \"" + c.name() + "\" adds the dangerous capability " + bare);
                }
            }
        }
    }
}
