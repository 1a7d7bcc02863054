package dev.vigil.policy.rules.network;

import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.CustomOwners;
import dev.vigil.policy.rules.support.Workloads;
import java.util.Set;

/**
 * A Service's selector matches no pod template of the input in its namespace, so it has no endpoints. Pods carry
 * the labels their controller adds too ({@link dev.vigil.policy.rules.support.PodLabels}). Reported only when the
 * input contains pod templates in that namespace (otherwise the pods are presumably deployed from elsewhere) and no
 * custom resource there could own the selected pods ({@link CustomOwners}). Services without a selector (manual
 * endpoints) and ExternalName Services are skipped.
 */
final class ServiceSelectsNothing extends BuiltInRule {
    ServiceSelectsNothing() {
        super("service-selects-nothing");
    }

    @Override
    public void checkAll(ResourceSet set, RuleContext ctx) {
        for (Resource s : set.ofKind("Service")) {
            if (!Services.isService(s)
                    || s.json().path("spec").path("type").asText("").equals("ExternalName")
                    || s.json().path("spec").path("selector").isEmpty()
                    || Workloads.podsIn(set, s.namespace()).isEmpty()) {
                continue;
            }
            if (Services.selectedPods(set, s).isEmpty()
                    && !CustomOwners.couldOwnSelected(
                            set, Set.of(s.namespace()), s.json().path("spec").path("selector"), true)) {
                ctx.report(
                        s,
                        "spec.selector",
                        "no pods found matching service labels "
                                + s.json().path("spec").path("selector"));
            }
        }
    }
}
