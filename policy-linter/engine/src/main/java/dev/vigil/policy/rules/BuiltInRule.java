package dev.vigil.policy.rules;

import dev.vigil.policy.Rule;
import dev.vigil.policy.RuleMetadata;
import dev.vigil.policy.internal.RuleMetadataLoader;

/**
 * Base of the built-in rules: the metadata comes from the rule's folder
 * ({@code dev/vigil/policy/rules/<id>/rule.yaml}), next to its {@code pass/} and {@code fail/} fixtures.
 */
public abstract class BuiltInRule implements Rule {
    private final RuleMetadata metadata;

    protected BuiltInRule(String id) {
        this.metadata = RuleMetadataLoader.load(id);
    }

    @Override
    public final RuleMetadata metadata() {
        return metadata;
    }
}
