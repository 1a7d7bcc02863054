package dev.vigil.policy.rules.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * A HorizontalPodAutoscaler scales a workload that is not in the input. Reported only when the input contains
 * objects of the target's kind in the autoscaler's namespace (otherwise the target is presumably deployed from
 * elsewhere).
 */
final class HpaTargetMissing extends BuiltInRule {
    HpaTargetMissing() {
        super("hpa-target-missing");
    }

    @Override
    public void checkAll(ResourceSet set, RuleContext ctx) {
        for (Resource hpa : set.ofKind("HorizontalPodAutoscaler")) {
            JsonNode ref = hpa.json().path("spec").path("scaleTargetRef");
            String kind = ref.path("kind").asText("");
            String name = ref.path("name").asText("");
            if (!kind.isEmpty()
                    && !set.ofKindIn(kind, hpa.namespace()).isEmpty()
                    && set.named(kind, hpa.namespace(), name) == null) {
                ctx.report(
                        hpa,
                        "spec.scaleTargetRef.name",
                        "HorizontalPodAutoscaler \"" + hpa.name() + "\" scales " + kind + " \"" + name
                                + "\", which the input does not define");
            }
        }
    }
}
