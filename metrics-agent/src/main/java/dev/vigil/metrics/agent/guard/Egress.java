package dev.vigil.metrics.agent.guard;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

/**
 * {@code guard.egress}: the hosts outbound connections may go to. An entry is a host name (matched case-insensitively
 * against the name the application connected by), {@code *.example.com} (any sub-domain), or an IP address (matched
 * against the address connected to). No name is resolved here.
 */
final class Egress {
    private final List<String> allowed;

    Egress(List<String> allowed) {
        String[] lower = new String[allowed.size()]; // no stream: this runs in the agent's premain
        for (int i = 0; i < lower.length; i++) {
            lower[i] = allowed.get(i).toLowerCase(Locale.ROOT);
        }
        this.allowed = List.of(lower);
    }

    boolean active() {
        return !allowed.isEmpty();
    }

    /** Whether a connection to {@code address} is allowed. */
    boolean allows(InetSocketAddress address) {
        String host = address.getHostString().toLowerCase(Locale.ROOT);
        InetAddress ip = address.getAddress();
        String literal = ip == null ? null : ip.getHostAddress().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(host) || a.equals(literal)) {
                return true;
            }
            if (a.startsWith("*.") && host.endsWith(a.substring(1))) {
                return true;
            }
        }
        return false;
    }
}
