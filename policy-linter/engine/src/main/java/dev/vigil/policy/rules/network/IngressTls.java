package dev.vigil.policy.rules.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Fields;
import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.ArrayList;
import java.util.List;

/**
 * An Ingress serves plain HTTP: it has no {@code spec.tls}, or a rule's host is covered by none of its TLS entries
 * (wildcards such as {@code *.example.com} cover one label).
 */
final class IngressTls extends BuiltInRule {
    IngressTls() {
        super("ingress-tls");
    }

    @Override
    public void checkResource(Resource r, RuleContext ctx) {
        if (!r.kind().equals("Ingress")) {
            return;
        }
        JsonNode spec = r.json().path("spec");
        List<Fields.Item> tls = Fields.objects(r, "spec.tls");
        if (tls.isEmpty()) {
            ctx.report(r, "spec.tls", "Ingress \"" + r.name() + "\" has no TLS configuration");
            return;
        }
        List<String> hosts = new ArrayList<>();
        boolean hostless = false;
        for (Fields.Item t : tls) {
            List<Fields.Item> tlsHosts = Fields.scalars(r, t.node().path("hosts"), t.path("hosts"));
            if (tlsHosts.isEmpty()) {
                hostless = true;
            }
            tlsHosts.forEach(h -> hosts.add(h.node().asText("")));
        }
        for (Fields.Item rule : Fields.objects(r, "spec.rules")) {
            String host = rule.node().path("host").asText("");
            if (!host.isEmpty() && !hostless && !covered(host, hosts)) {
                ctx.report(r, rule.path("host"), "Ingress \"" + r.name() + "\" serves host " + host + " without TLS");
            }
        }
    }

    static boolean covered(String host, List<String> tlsHosts) {
        for (String t : tlsHosts) {
            if (t.equalsIgnoreCase(host)) {
                return true;
            }
            if (t.startsWith("*.")) {
                int dot = host.indexOf('.');
                if (dot > 0 && host.substring(dot).equalsIgnoreCase(t.substring(1))) {
                    return true;
                }
            }
        }
        return false;
    }
}
