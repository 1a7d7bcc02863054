package dev.vigil.policy.rules.container;

import dev.vigil.policy.PodSpec;

/** A container port below 1024, which needs NET_BIND_SERVICE or root inside the container. */
final class PrivilegedPort extends PortRule {
    PrivilegedPort() {
        super("privileged-port");
    }

    @Override
    String check(PodSpec.Container c, int port, String protocol) {
        return port > 0 && port < 1024 ? "port " + port + " is mapped in container \"" + c.name() + "\"" : null;
    }
}
