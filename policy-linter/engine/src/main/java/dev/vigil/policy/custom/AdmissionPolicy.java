package dev.vigil.policy.custom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.runtime.CelEvaluationException;
import dev.vigil.policy.Fields;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code ValidatingAdmissionPolicy} (admissionregistration.k8s.io/v1) from the input, evaluated offline the
 * way the API server would on CREATE: {@code matchConstraints} (resource rules, exclusions, object and namespace
 * selectors against the input's Namespace objects), {@code matchConditions}, {@code variables}, then each of
 * {@code validations} with its {@code message}, {@code messageExpression} and {@code fieldPath}. {@code params}
 * comes from the object a binding in the input names in its {@code paramRef}.
 */
final class AdmissionPolicy {
    /** One thing to report: on which object, at which field, what. */
    record Violation(Resource resource, String path, String message) {}

    private record Named(String name, CelExpression expression, String error) {}

    private record Validation(
            int index,
            CelExpression expression,
            String message,
            CelExpression messageExpression,
            String fieldPath,
            String error) {}

    private final Resource policy;
    private final String name;
    private final JsonNode spec;
    private final List<Named> conditions = new ArrayList<>();
    private final List<Named> variables = new ArrayList<>();
    private final List<Validation> validations = new ArrayList<>();
    private final List<Violation> problems = new ArrayList<>();

    AdmissionPolicy(Resource policy) {
        this.policy = policy;
        this.name = policy.name();
        this.spec = policy.json().path("spec");
        compileNamed("matchConditions", conditions, true);
        compileNamed("variables", variables, false);
        for (Fields.Item item : Fields.objects(policy, spec.path("validations"), "spec.validations")) {
            JsonNode v = item.node();
            int i = item.index();
            String at = item.path();
            CelExpression expression = null;
            CelExpression messageExpression = null;
            String error = null;
            try {
                expression = CelExpression.predicate(v.path("expression").asText(""));
                if (v.hasNonNull("messageExpression")) {
                    messageExpression =
                            CelExpression.message(v.path("messageExpression").asText());
                }
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
                problems.add(new Violation(
                        policy,
                        at + ".expression",
                        label() + "validation " + i + " cannot be evaluated offline: " + e.getMessage()));
            }
            String fieldPath = v.path("fieldPath").asText("").strip();
            if (fieldPath.startsWith(".")) {
                fieldPath = fieldPath.substring(1);
            }
            validations.add(
                    new Validation(i, expression, v.path("message").asText(""), messageExpression, fieldPath, error));
        }
    }

    private void compileNamed(String field, List<Named> out, boolean predicate) {
        for (Fields.Item item : Fields.objects(policy, spec.path(field), "spec." + field)) {
            JsonNode n = item.node();
            int i = item.index();
            String source = n.path("expression").asText("");
            try {
                out.add(new Named(
                        n.path("name").asText(""),
                        predicate ? CelExpression.predicate(source) : CelExpression.any(source),
                        null));
            } catch (IllegalArgumentException e) {
                out.add(new Named(n.path("name").asText(""), null, e.getMessage()));
                problems.add(new Violation(
                        policy,
                        "spec." + field + "[" + i + "].expression",
                        label() + field + " " + n.path("name").asText("") + " cannot be evaluated offline: "
                                + e.getMessage()));
            }
        }
    }

    private String label() {
        return "ValidatingAdmissionPolicy " + name + ": ";
    }

    /** Problems of the policy itself (expressions that do not compile here), reported on the policy. */
    List<Violation> problems() {
        return problems;
    }

    /** The violations of {@code r}; none when the policy does not match it. */
    List<Violation> evaluate(Resource r, ResourceSet set) {
        if (r == policy || !matches(r, set)) {
            return List.of();
        }
        Object params = params(set);
        Map<String, Object> activation = CelActivation.of(r, set, params, Map.of());
        for (Named c : conditions) {
            try {
                if (c.expression() == null
                        || !Boolean.TRUE.equals(c.expression().eval(activation))) {
                    return List.of();
                }
            } catch (CelEvaluationException e) {
                return List.of();
            }
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        activation.put(CelExpression.VARIABLES, vars);
        for (Named v : variables) {
            if (v.expression() != null) {
                try {
                    vars.put(v.name(), v.expression().eval(activation));
                } catch (CelEvaluationException e) {
                    // an expression that uses it fails and is reported
                }
            }
        }
        List<Violation> out = new ArrayList<>();
        for (Validation v : validations) {
            if (v.expression() == null) {
                continue;
            }
            try {
                if (!Boolean.TRUE.equals(v.expression().eval(activation))) {
                    out.add(new Violation(r, v.fieldPath(), label() + message(v, activation)));
                }
            } catch (CelEvaluationException e) {
                out.add(new Violation(
                        r,
                        v.fieldPath(),
                        label() + message(v, activation) + " (the expression failed: "
                                + CelExpression.firstError(e.getMessage()) + ")"));
            }
        }
        return out;
    }

    private static String message(Validation v, Map<String, Object> activation) {
        if (v.messageExpression() != null) {
            try {
                Object text = v.messageExpression().eval(activation);
                if (text instanceof String s && !s.isBlank()) {
                    return s;
                }
            } catch (CelEvaluationException e) {
                // fall back to the static message, as Kubernetes does
            }
        }
        return v.message().isBlank() ? "failed expression: " + v.expression().source() : v.message();
    }

    private boolean matches(Resource r, ResourceSet set) {
        JsonNode constraints = spec.path("matchConstraints");
        if (!anyRuleMatches(constraints.path("resourceRules"), r)
                || anyRuleMatches(constraints.path("excludeResourceRules"), r)) {
            return false;
        }
        if (!LabelSelectors.matches(constraints.path("objectSelector"), r.labels())) {
            return false;
        }
        if (!r.namespace().isEmpty() && constraints.has("namespaceSelector")) {
            Map<String, String> nsLabels = set.ofKind("Namespace").stream()
                    .filter(n -> n.name().equals(r.namespace()))
                    .findFirst()
                    .map(Resource::labels)
                    .orElse(Map.of());
            return LabelSelectors.matches(constraints.path("namespaceSelector"), nsLabels);
        }
        return true;
    }

    private static boolean anyRuleMatches(JsonNode rules, Resource r) {
        String apiVersion = r.apiVersion();
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String plural = plural(r.kind());
        for (JsonNode rule : rules) {
            if (contains(rule.path("apiGroups"), r.group())
                    && contains(rule.path("apiVersions"), version)
                    && contains(rule.path("resources"), plural)
                    && (!rule.has("operations")
                            || contains(rule.path("operations"), "CREATE")
                            || contains(rule.path("operations"), "UPDATE"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode v : list) {
            if (v.asText().equals("*") || v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** The object a binding's {@code paramRef} names, when the policy has a {@code paramKind}. */
    private Object params(ResourceSet set) {
        JsonNode paramKind = spec.path("paramKind");
        if (paramKind.isMissingNode()) {
            return null;
        }
        for (Resource binding : set.ofKind("ValidatingAdmissionPolicyBinding")) {
            JsonNode b = binding.json().path("spec");
            if (!b.path("policyName").asText("").equals(name)) {
                continue;
            }
            String refName = b.path("paramRef").path("name").asText("");
            String refNs = b.path("paramRef").path("namespace").asText("");
            for (Resource candidate : set.ofKind(paramKind.path("kind").asText(""))) {
                if (candidate.apiVersion().equals(paramKind.path("apiVersion").asText(""))
                        && candidate.name().equals(refName)
                        && (refNs.isEmpty() || refNs.equals(candidate.namespace()))) {
                    return CelValues.of(candidate.json());
                }
            }
        }
        return null;
    }

    /** The resource name of a kind as admission rules write it: {@code Deployment} → {@code deployments}. */
    static String plural(String kind) {
        String k = kind.toLowerCase(Locale.ROOT);
        if (k.endsWith("s") || k.endsWith("x") || k.endsWith("ch") || k.endsWith("sh")) {
            return k.equals("endpoints") ? k : k + "es";
        }
        if (k.endsWith("y") && k.length() > 1 && "aeiou".indexOf(k.charAt(k.length() - 2)) < 0) {
            return k.substring(0, k.length() - 1) + "ies";
        }
        return k + "s";
    }
}
