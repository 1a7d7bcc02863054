package dev.vigil.policy.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Rule;
import dev.vigil.policy.custom.CustomRuleParser;
import java.util.List;
import java.util.Set;

/**
 * The {@code customRules:} section of {@code .vigil.yaml}: CEL and JSON Schema rules declared by users (issue 4),
 * parsed by {@link CustomRuleParser} (see there for the format).
 */
final class CustomRulesSection {
    static final String KEY = "customRules";

    /** Receives one problem: the key path and what is wrong. */
    interface Problems {
        void add(String key, String message);
    }

    private CustomRulesSection() {}

    /**
     * Parses the section, reporting problems through {@code problems} ({@code key} is the path, e.g.
     * {@code customRules[0].cel}) and adding each valid rule id to {@code ruleIds} (so that {@code rules:},
     * {@code exemptions:} and {@code nonWaivable:} may name it).
     *
     * @return the valid rules, for the builder
     */
    static List<Rule> read(JsonNode value, String key, Problems problems, Set<String> ruleIds) {
        return CustomRuleParser.parse(value, key, problems::add, ruleIds);
    }
}
