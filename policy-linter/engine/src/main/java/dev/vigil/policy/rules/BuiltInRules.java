package dev.vigil.policy.rules;

import dev.vigil.policy.Rule;
import dev.vigil.policy.rules.container.ContainerRules;
import dev.vigil.policy.rules.pss.PssRules;
import dev.vigil.policy.rules.schema.SchemaRules;
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
        all.addAll(SchemaRules.all());
        return List.copyOf(all);
    }

    /** Every built-in rule, in catalogue order. */
    public static List<Rule> all() {
        return ALL;
    }
}
