package dev.vigil.metrics.agent.guard;

import dev.vigil.metrics.agent.guard.custom.CustomRule;
import dev.vigil.metrics.agent.guard.custom.CustomRules;
import dev.vigil.metrics.agent.guard.custom.CustomRulesException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The custom rules of {@code guard.rules} as the guard uses them: the rules and the event kinds any of them can match
 * (so that a hook builds fields only for those kinds). Only loaded when {@code guard.rules} is set, with CEL.
 */
final class CustomRuleSet {
    private final List<CustomRule> rules;
    private final Set<String> kinds;
    private final boolean anyKind;

    CustomRuleSet(List<CustomRule> rules) {
        this.rules = List.copyOf(rules);
        Set<String> k = new HashSet<>();
        boolean any = false;
        for (CustomRule r : rules) {
            Set<String> ks = r.kinds();
            if (ks == null) {
                any = true;
            } else {
                k.addAll(ks);
            }
        }
        this.kinds = Set.copyOf(k);
        this.anyKind = any;
    }

    /**
     * Loads and compiles {@code file}.
     *
     * @return the rules, or null with every problem (one line each, naming file, line and field) added to
     *     {@code problems}
     */
    static CustomRuleSet load(Path file, List<String> problems) {
        try {
            return new CustomRuleSet(CustomRules.load(file).rules());
        } catch (CustomRulesException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    /** Whether some enabled rule can match an event of {@code kind}. */
    boolean covers(String kind) {
        return anyKind || kinds.contains(kind);
    }

    List<CustomRule> rules() {
        return rules;
    }
}
