package dev.vigil.policy.custom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.vigil.policy.Resource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CEL validation rules of a CustomResourceDefinition ({@code x-kubernetes-validations} in its
 * openAPIV3Schema), evaluated offline on a custom resource as the API server does on create: each rule with
 * {@code self} bound to the value of the schema node that declares it. Transition rules (using {@code oldSelf})
 * do not apply on create and are skipped; rules that use functions this evaluator does not know (Kubernetes'
 * quantity, URL, IP libraries) are skipped too rather than reported.
 */
public final class CrdValidationRules {
    private static final int MAX_RULES_PER_OBJECT = 10_000;
    private static final Map<String, Optional<CelExpression>> RULES = new ConcurrentHashMap<>();
    private static final Map<String, Optional<CelExpression>> MESSAGES = new ConcurrentHashMap<>();

    /** Receives one violated rule. */
    public interface Sink {
        void report(Resource resource, String path, String message);
    }

    private CrdValidationRules() {}

    /** Evaluates the rules of {@code schema} (a CRD version's openAPIV3Schema) on {@code r}. */
    public static void check(Resource r, JsonNode schema, Sink sink) {
        walk(r, schema, r.json(), "", sink, new int[] {0});
    }

    private static void walk(Resource r, JsonNode schema, JsonNode value, String path, Sink sink, int[] budget) {
        if (value == null || value.isMissingNode() || value.isNull() || !schema.isObject()) {
            return;
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            if (budget[0]++ < MAX_RULES_PER_OBJECT) {
                evaluate(r, rule, value, path, sink);
            }
        }
        JsonNode properties = schema.path("properties");
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode sub =
                        properties.has(e.getKey()) ? properties.get(e.getKey()) : schema.path("additionalProperties");
                if (sub.isObject()) {
                    walk(r, sub, e.getValue(), child(path, e.getKey()), sink, budget);
                }
            }
        } else if (value.isArray() && schema.path("items").isObject()) {
            for (int i = 0; i < value.size(); i++) {
                walk(r, schema.path("items"), value.get(i), path + "[" + i + "]", sink, budget);
            }
        }
    }

    private static void evaluate(Resource r, JsonNode rule, JsonNode value, String path, Sink sink) {
        String source = rule.path("rule").asText("");
        if (source.isEmpty() || source.contains(CelExpression.OLD_SELF)) {
            return;
        }
        Optional<CelExpression> expression = RULES.computeIfAbsent(source, s -> compile(s, true));
        if (expression.isEmpty()) {
            return;
        }
        Map<String, Object> activation = new HashMap<>();
        activation.put(CelExpression.SELF, CelValues.of(value));
        activation.put(CelExpression.OLD_SELF, NullValue.NULL_VALUE);
        Object result;
        try {
            result = expression.get().eval(activation);
        } catch (CelEvaluationException e) {
            return; // no such key and the like: the API server would report an error, not a rule violation
        }
        if (Boolean.FALSE.equals(result)) {
            String at = path;
            String fieldPath = rule.path("fieldPath").asText("").strip();
            if (!fieldPath.isEmpty()) {
                at = fieldPath.startsWith(".") ? path + fieldPath : child(path, fieldPath);
                at = at.startsWith(".") ? at.substring(1) : at;
            }
            sink.report(r, at, message(rule, source, activation) + " (rule of the CustomResourceDefinition)");
        }
    }

    private static String message(JsonNode rule, String source, Map<String, Object> activation) {
        String expression = rule.path("messageExpression").asText("");
        if (!expression.isEmpty()) {
            Optional<CelExpression> compiled = MESSAGES.computeIfAbsent(expression, s -> compile(s, false));
            if (compiled.isPresent()) {
                try {
                    if (compiled.get().eval(activation) instanceof String text && !text.isBlank()) {
                        return text;
                    }
                } catch (CelEvaluationException e) {
                    // fall back to the message, as Kubernetes does
                }
            }
        }
        String message = rule.path("message").asText("");
        return message.isBlank() ? "failed rule: " + source : message;
    }

    private static Optional<CelExpression> compile(String source, boolean rule) {
        try {
            return Optional.of(rule ? CelExpression.crdRule(source) : CelExpression.crdMessage(source));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String child(String parent, String field) {
        boolean plain = field.chars().noneMatch(c -> c == '.' || c == '[' || c == ']' || c == '/');
        String part = plain ? field : "[\"" + field + "\"]";
        if (parent.isEmpty()) {
            return part;
        }
        return plain ? parent + "." + part : parent + part;
    }
}
