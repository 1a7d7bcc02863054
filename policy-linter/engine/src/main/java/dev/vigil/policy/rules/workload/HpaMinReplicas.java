package dev.vigil.policy.rules.workload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/** A HorizontalPodAutoscaler may scale down to a single replica ({@code minReplicas} below 2 or unset). */
final class HpaMinReplicas extends BuiltInRule {
    HpaMinReplicas() {
        super("hpa-min-replicas");
    }

    @Override
    public void checkResource(Resource r, RuleContext ctx) {
        if (!r.kind().equals("HorizontalPodAutoscaler") || !r.group().equals("autoscaling")) {
            return;
        }
        JsonNode min = r.json().path("spec").path("minReplicas");
        int value = min.isIntegralNumber() ? min.intValue() : 1;
        if (value < 2) {
            ctx.report(
                    r,
                    "spec.minReplicas",
                    "HorizontalPodAutoscaler \"" + r.name() + "\" may scale down to " + value + " replica"
                            + (value == 1 ? "" : "s"));
        }
    }
}
