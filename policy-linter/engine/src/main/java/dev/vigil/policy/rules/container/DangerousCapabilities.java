package dev.vigil.policy.rules.container;

import dev.vigil.policy.Fields;
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
            for (Fields.Item e : c.scalars("securityContext.capabilities.add")) {
                String cap = e.node().asText("").strip().toUpperCase(Locale.ROOT);
                String bare = cap.startsWith("CAP_") ? cap.substring(4) : cap;
                if (DANGEROUS.contains(bare)) {
                    ctx.report(
                            c,
                            "securityContext.capabilities.add[" + e.index() + "]",
                            "container \"" + c.name() + "\" adds the dangerous capability " + bare);
                }
            }
        }
    }
}
