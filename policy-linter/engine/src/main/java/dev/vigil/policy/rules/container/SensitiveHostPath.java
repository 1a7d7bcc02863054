package dev.vigil.policy.rules.container;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.List;
import java.util.Set;

/**
 * A hostPath volume exposes a sensitive host directory: a system directory itself ({@code /}, {@code /etc},
 * {@code /proc}, …) or anything under the kubelet, etcd, container runtime or root home directories. Runtime sockets
 * are left to {@code container-runtime-socket}.
 */
final class SensitiveHostPath extends BuiltInRule {
    static final Set<String> EXACT = Set.of(
            "/",
            "/etc",
            "/boot",
            "/dev",
            "/lib",
            "/lib64",
            "/proc",
            "/sys",
            "/usr",
            "/bin",
            "/sbin",
            "/var",
            "/var/run",
            "/run",
            "/root",
            "/home",
            "/var/lib");
    static final List<String> PREFIXES = List.of(
            "/etc/kubernetes",
            "/var/lib/kubelet",
            "/var/lib/etcd",
            "/var/lib/docker",
            "/var/lib/containerd",
            "/root/",
            "/proc/",
            "/sys/",
            "/boot/");

    SensitiveHostPath() {
        super("sensitive-host-path");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (HostPaths.HostPathVolume v : HostPaths.of(pod)) {
            if (sensitive(v.path()) && !ContainerRuntimeSocket.SOCKETS.contains(v.path())) {
                ctx.report(
                        pod.owner(),
                        v.pathField(pod),
                        "host system directory \"" + v.path() + "\" is "
                                + HostPaths.containers(HostPaths.mountedBy(pod, v.name())));
            }
        }
    }

    static boolean sensitive(String path) {
        if (EXACT.contains(path)) {
            return true;
        }
        for (String p : PREFIXES) {
            if (path.equals(p) || path.startsWith(p.endsWith("/") ? p : p + "/")) {
                return true;
            }
        }
        return false;
    }
}
