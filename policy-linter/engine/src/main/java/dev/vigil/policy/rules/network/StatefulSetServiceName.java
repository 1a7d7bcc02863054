package dev.vigil.policy.rules.network;

import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.List;

/**
 * A StatefulSet's {@code serviceName} must name a headless Service ({@code clusterIP: None}) that selects its pods,
 * or its pods get no stable DNS names ({@code pod-0.service}). Reported when the named Service is in the input but is
 * not headless, or when the input has Services in the namespace but none of that name (otherwise the Service is
 * presumably deployed from elsewhere); a missing {@code serviceName} is always reported.
 */
final class StatefulSetServiceName extends BuiltInRule {
    StatefulSetServiceName() {
        super("statefulset-service-name");
    }

    @Override
    public void checkAll(ResourceSet set, RuleContext ctx) {
        for (Resource sts : set.ofKind("StatefulSet")) {
            if (!sts.group().equals("apps")) {
                continue;
            }
            String name = sts.json().path("spec").path("serviceName").asText("");
            String what = "StatefulSet \"" + sts.name() + "\"";
            if (name.isEmpty()) {
                ctx.report(sts, "spec.serviceName", what + " names no governing Service (serviceName)");
                continue;
            }
            List<Resource> services = Services.in(set, sts.namespace());
            Resource service = services.stream()
                    .filter(s -> s.name().equals(name))
                    .findFirst()
                    .orElse(null);
            if (service == null && !services.isEmpty()) {
                ctx.report(
                        sts,
                        "spec.serviceName",
                        what + " names Service \"" + name + "\", which the input does not define");
            } else if (service != null
                    && !service.json().path("spec").path("clusterIP").asText("").equals("None")) {
                ctx.report(
                        sts,
                        "spec.serviceName",
                        what + " names Service \"" + name + "\", which is not headless (clusterIP: None)");
            }
        }
    }
}
