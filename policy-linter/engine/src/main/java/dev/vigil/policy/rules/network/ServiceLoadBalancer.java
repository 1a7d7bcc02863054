package dev.vigil.policy.rules.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Fields;
import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.Locale;
import java.util.Map;

/**
 * A Service of type LoadBalancer is reachable from anywhere: no {@code loadBalancerSourceRanges} (or one that
 * includes {@code 0.0.0.0/0}) and no annotation that makes the cloud load balancer internal.
 */
final class ServiceLoadBalancer extends BuiltInRule {
    private static final Map<String, String> INTERNAL = Map.of(
            "service.beta.kubernetes.io/aws-load-balancer-internal", "true",
            "service.beta.kubernetes.io/aws-load-balancer-scheme", "internal",
            "service.beta.kubernetes.io/azure-load-balancer-internal", "true",
            "networking.gke.io/load-balancer-type", "internal",
            "cloud.google.com/load-balancer-type", "internal",
            "service.beta.kubernetes.io/oci-load-balancer-internal", "true",
            "service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type", "private");

    ServiceLoadBalancer() {
        super("service-loadbalancer");
    }

    @Override
    public void checkResource(Resource r, RuleContext ctx) {
        JsonNode spec = r.json().path("spec");
        if (!Services.isService(r) || !spec.path("type").asText("").equals("LoadBalancer")) {
            return;
        }
        for (Map.Entry<String, String> a : r.annotations().entrySet()) {
            String expected = INTERNAL.get(a.getKey());
            if (expected != null
                    && a.getValue().strip().toLowerCase(Locale.ROOT).equals(expected)) {
                return;
            }
        }
        java.util.List<Fields.Item> ranges = Fields.scalars(r, "spec.loadBalancerSourceRanges");
        boolean open = ranges.isEmpty();
        for (Fields.Item range : ranges) {
            String cidr = range.node().asText("").strip();
            open |= cidr.equals("0.0.0.0/0") || cidr.equals("::/0");
        }
        if (open) {
            ctx.report(
                    r,
                    "spec.type",
                    "Service \"" + r.name() + "\" is a LoadBalancer open to any address"
                            + " (no loadBalancerSourceRanges, not internal)");
        }
    }
}
