package dev.vigil.policy.rules.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.CustomOwners;
import dev.vigil.policy.rules.support.PodIndex;
import dev.vigil.policy.rules.support.PodLabels;
import dev.vigil.policy.rules.support.Workloads;
import java.util.Set;

/**
 * A PodDisruptionBudget's selector selects no pod template of the input in its namespace (with the labels their
 * controllers add): it protects nothing. Reported only when the input contains pod templates in that namespace and
 * no custom resource there could own the selected pods.
 */
final class PdbSelectsNothing extends BuiltInRule {
    PdbSelectsNothing() {
        super("pdb-selects-nothing");
    }

    @Override
    public void checkAll(ResourceSet set, RuleContext ctx) {
        for (Resource pdb : set.ofKind("PodDisruptionBudget")) {
            JsonNode selector = pdb.json().path("spec").path("selector");
            var pods = Workloads.podsIn(set, pdb.namespace());
            if (!pdb.group().equals("policy") || pods.isEmpty()) {
                continue;
            }
            if (PodIndex.runtimeCandidates(set, pdb.namespace(), selector, false).stream()
                            .noneMatch(p -> PodLabels.of(set, p).mayMatch(selector))
                    && !CustomOwners.couldOwnSelected(set, Set.of(pdb.namespace()), selector, false)) {
                ctx.report(
                        pdb, "spec.selector", "PodDisruptionBudget \"" + pdb.name() + "\" selects no pod of the input");
            }
        }
    }
}
