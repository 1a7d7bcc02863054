package dev.vigil.policy.rules.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Kubernetes label-selector semantics, shared by the cross-object rules. */
public final class LabelSelectors {
    private LabelSelectors() {}

    /**
     * Whether a {@code LabelSelector} ({@code matchLabels} and {@code matchExpressions}) selects {@code labels}. An
     * empty selector selects everything; a missing or null one selects nothing.
     */
    public static boolean matches(JsonNode selector, Map<String, String> labels) {
        if (selector == null || !selector.isObject()) {
            return false;
        }
        JsonNode matchLabels = selector.path("matchLabels");
        for (var it = matchLabels.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode expr : selector.path("matchExpressions")) {
            if (!expressionMatches(expr, labels)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a plain label map (a Service's {@code spec.selector}) selects {@code labels}; empty selects nothing. */
    public static boolean mapMatches(JsonNode selector, Map<String, String> labels) {
        if (selector == null || !selector.isObject() || selector.isEmpty()) {
            return false;
        }
        for (var it = selector.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** True when a {@code LabelSelector} has no terms at all (selects everything). */
    public static boolean isEmpty(JsonNode selector) {
        return selector.isObject()
                && selector.path("matchLabels").isEmpty()
                && selector.path("matchExpressions").isEmpty();
    }

    private static boolean expressionMatches(JsonNode expr, Map<String, String> labels) {
        String key = expr.path("key").asText("");
        String op = expr.path("operator").asText("");
        Set<String> values = new HashSet<>();
        expr.path("values").forEach(v -> values.add(v.asText()));
        String value = labels.get(key);
        return switch (op) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
        };
    }
}
