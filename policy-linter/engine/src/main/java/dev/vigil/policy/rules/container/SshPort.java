package dev.vigil.policy.rules.container;

import dev.vigil.policy.PodSpec;

/** A container exposes TCP port 22: an SSH server in a container is a backdoor next to kubectl exec. */
final class SshPort extends PortRule {
    SshPort() {
        super("ssh-port");
    }

    @Override
    String check(PodSpec.Container c, int port, String protocol) {
        return port == 22 && protocol.equals("TCP")
                ? "port 22 and protocol TCP in container \"" + c.name() + "\" found"
                : null;
    }
}
