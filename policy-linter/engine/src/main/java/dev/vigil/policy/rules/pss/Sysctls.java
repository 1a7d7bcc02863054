package dev.vigil.policy.rules.pss;

import dev.vigil.policy.Fields;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.PssVersion;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.HashSet;
import java.util.Set;

/**
 * PSS baseline "Sysctls" (PSA check {@code sysctls}): {@code spec.securityContext.sysctls[*].name} must be one of
 * the safe sysctls of the version; the safe set grows at v1.27, v1.29, v1.32 and v1.37.
 */
final class Sysctls extends BuiltInRule {
    static final String ID = "pss-sysctls";
    static final Set<String> ALLOWED_1_0 = Set.of(
            "kernel.shm_rmid_forced",
            "net.ipv4.ip_local_port_range",
            "net.ipv4.tcp_syncookies",
            "net.ipv4.ping_group_range",
            "net.ipv4.ip_unprivileged_port_start");
    static final Set<String> ALLOWED_1_27 = union(ALLOWED_1_0, "net.ipv4.ip_local_reserved_ports");
    static final Set<String> ALLOWED_1_29 = union(
            ALLOWED_1_27,
            "net.ipv4.tcp_keepalive_time",
            "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl",
            "net.ipv4.tcp_keepalive_probes");
    static final Set<String> ALLOWED_1_32 = union(ALLOWED_1_29, "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");
    static final Set<String> ALLOWED_1_37 =
            union(ALLOWED_1_32, "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat");

    Sysctls() {
        super(ID);
    }

    /** The safe sysctls at {@code version}. */
    static Set<String> allowed(PssVersion version) {
        if (version.atLeast(37)) {
            return ALLOWED_1_37;
        } else if (version.atLeast(32)) {
            return ALLOWED_1_32;
        } else if (version.atLeast(29)) {
            return ALLOWED_1_29;
        } else if (version.atLeast(27)) {
            return ALLOWED_1_27;
        }
        return ALLOWED_1_0;
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        Set<String> allowed = allowed(Pss.version(pod, ctx));
        for (Fields.Item s : pod.objects("securityContext.sysctls")) {
            String name = Pss.text(s.node().path("name"));
            if (!allowed.contains(name)) {
                ctx.report(pod.owner(), s.path("name"), "pod must not set forbidden sysctl " + Pss.quote(name));
            }
        }
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> out = new HashSet<>(base);
        out.addAll(Set.of(more));
        return Set.copyOf(out);
    }
}
