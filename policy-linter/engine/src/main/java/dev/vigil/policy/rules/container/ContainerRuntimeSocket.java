package dev.vigil.policy.rules.container;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.Set;

/** A hostPath volume exposes the container runtime's socket (Docker, containerd, CRI-O): full control of the node. */
final class ContainerRuntimeSocket extends BuiltInRule {
    static final Set<String> SOCKETS = Set.of(
            "/var/run/docker.sock",
            "/run/docker.sock",
            "/var/run/containerd/containerd.sock",
            "/run/containerd/containerd.sock",
            "/var/run/containerd",
            "/run/containerd",
            "/var/run/crio/crio.sock",
            "/run/crio/crio.sock",
            "/var/run/cri-dockerd.sock",
            "/run/cri-dockerd.sock");

    ContainerRuntimeSocket() {
        super("container-runtime-socket");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (HostPaths.HostPathVolume v : HostPaths.of(pod)) {
            if (SOCKETS.contains(v.path())) {
                ctx.report(
                        pod.owner(),
                        v.pathField(pod),
                        "container runtime socket \"" + v.path() + "\" is "
                                + HostPaths.containers(HostPaths.mountedBy(pod, v.name())));
            }
        }
    }
}
