package dev.vigil.policy.rules.network;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/** A Service of type NodePort opens its port on every node of the cluster. */
final class ServiceNodePort extends BuiltInRule {
    ServiceNodePort() {
        super("service-nodeport");
    }

    @Override
    public void checkResource(Resource r, RuleContext ctx) {
        if (Services.isService(r)
                && r.json().path("spec").path("type").asText("").equals("NodePort")) {
            ctx.report(r, "spec.type", "Service \"" + r.name() + "\" is of type NodePort, exposed on every node");
        }
    }
}
