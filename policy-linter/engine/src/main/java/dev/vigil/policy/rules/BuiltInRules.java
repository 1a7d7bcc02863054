package dev.vigil.policy.rules;

import dev.vigil.policy.Rule;
import dev.vigil.policy.rules.admission.AdmissionPolicyRules;
import dev.vigil.policy.rules.container.ContainerRules;
import dev.vigil.policy.rules.network.NetworkRules;
import dev.vigil.policy.rules.pss.PssRules;
import dev.vigil.policy.rules.rbac.RbacRules;
import dev.vigil.policy.rules.schema.SchemaRules;
import dev.vigil.policy.rules.workload.WorkloadRules;
import java.util.ArrayList;
import java.util.List;

/** The one place where built-in rules are registered. */
public final class BuiltInRules {
    private static final List<Rule> ALL = build();

    private BuiltInRules() {}

    private static List<Rule> build() {
        List<Rule> all = new ArrayList<>();
        all.addAll(PssRules.all());
        all.addAll(ContainerRules.all());
        all.addAll(WorkloadRules.all());
        all.addAll(NetworkRules.all());
        all.addAll(RbacRules.all());
        all.addAll(SchemaRules.all());
        all.addAll(AdmissionPolicyRules.all());
        return List.copyOf(all);
    }

    /** Every built-in rule, in catalogue order. */
    public static List<Rule> all() {
        return ALL;
    }
}
