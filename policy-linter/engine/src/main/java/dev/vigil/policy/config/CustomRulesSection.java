package dev.vigil.policy.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The {@code customRules:} section of {@code .vigil.yaml}: CEL and JSON Schema rules declared by users (issue 4).
 *
 * <p><b>Extension point.</b> This release reserves the key and validates only its shape: an empty list is
 * accepted, anything else is reported as not supported yet. The custom-rule implementation replaces
 * {@link #read}: parse each entry, report problems through {@code problems} ({@code key} is the path, e.g.
 * {@code customRules[0].cel}), add each valid rule id to {@code ruleIds} (so that {@code rules:},
 * {@code exemptions:} and {@code nonWaivable:} may name it) and hand the rules to the builder.
 */
final class CustomRulesSection {
    static final String KEY = "customRules";

    /** Receives one problem: the key path and what is wrong. */
    interface Problems {
        void add(String key, String message);
    }

    private CustomRulesSection() {}

    // ---- customRules: the place where CEL / JSON Schema custom rules are parsed (issue 4) ----
    static void read(JsonNode value, String key, Problems problems, Set<String> ruleIds) {
        if (value.isNull() || (value.isArray() && value.isEmpty())) {
            return;
        }
        if (!value.isArray()) {
            problems.add(key, "is " + ConfigFile.describe(value) + ", expected a list of custom rules");
            return;
        }
        problems.add(key, "custom rules are not supported by this release yet, expected an empty list");
    }
}
