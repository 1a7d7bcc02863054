package dev.vigil.policy.custom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Profiles;
import dev.vigil.policy.Rule;
import dev.vigil.policy.RuleMetadata;
import dev.vigil.policy.Severity;
import dev.vigil.policy.schema.JsonSchemaCheck;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses the {@code customRules:} list of {@code .vigil.yaml} into rules. Every problem is reported, each with
 * the key path of the offending entry (e.g. {@code customRules[1].cel}) so the configuration reader can name its
 * line; rules with problems are left out.
 *
 * <pre>{@code
 * customRules:
 * - id: team-label-required        # kebab-case, unique (required)
 *   severity: error                # error | warning | info (default warning)
 *   title: Workloads carry a team label   # required
 *   kinds: [Deployment]            # optional; default every kind
 *   target: object                 # object | podSpec | container (default object)
 *   cel: "has(object.metadata.labels) && 'team' in object.metadata.labels"   # true = compliant
 *   message: "Deployment needs a 'team' label"     # default: the title
 *   messageExpression: "'...' + object.metadata.name"   # optional, CEL string
 *   path: metadata.labels          # optional: the field findings point at
 *   params: {team: payments}       # optional: the value of `params` in CEL
 *   description: …                 # optional; remediation: … (optional)
 * - id: no-host-network
 *   title: No host network
 *   target: podSpec
 *   jsonSchema: {properties: {hostNetwork: {const: false}}}     # instead of cel
 * }</pre>
 */
public final class CustomRuleParser {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> KEYS = new LinkedHashSet<>(List.of(
            "id",
            "severity",
            "title",
            "description",
            "remediation",
            "category",
            "kinds",
            "target",
            "cel",
            "messageExpression",
            "jsonSchema",
            "message",
            "path",
            "params"));

    /** Receives one problem: the key path and what is wrong. */
    public interface Problems {
        void add(String key, String message);
    }

    private CustomRuleParser() {}

    /**
     * Parses {@code list} (the value of {@code key}).
     *
     * @param ruleIds ids already taken (built-in rules); the ids of the parsed rules are added
     * @return the valid rules, in file order
     */
    public static List<Rule> parse(JsonNode list, String key, Problems problems, Set<String> ruleIds) {
        List<Rule> rules = new ArrayList<>();
        if (list == null || list.isNull()) {
            return rules;
        }
        if (!list.isArray()) {
            problems.add(key, "is " + describe(list) + ", expected a list of custom rules");
            return rules;
        }
        for (int i = 0; i < list.size(); i++) {
            Rule rule = parseOne(list.get(i), key + "[" + i + "]", problems, ruleIds);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private static Rule parseOne(JsonNode node, String key, Problems problems, Set<String> ruleIds) {
        if (!node.isObject()) {
            problems.add(key, "is " + describe(node) + ", expected a mapping with id, title and cel or jsonSchema");
            return null;
        }
        int[] found = {0};
        Problems counting = (k, m) -> {
            found[0]++;
            problems.add(k, m);
        };
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!KEYS.contains(name)) {
                counting.add(key + "." + name, "unknown key, expected one of " + String.join(", ", KEYS));
            }
        }
        String id = text(node, "id", key, counting, true);
        if (id != null && !ID.matcher(id).matches()) {
            counting.add(key + ".id", "is '" + id + "', expected a kebab-case id such as team-label-required");
        } else if (id != null && ruleIds.contains(id)) {
            counting.add(key + ".id", "'" + id + "' is already the id of another rule, expected a unique id");
        }
        String title = text(node, "title", key, counting, true);
        Severity severity = severity(node, key, counting);
        Set<String> kinds = kinds(node, key, counting);
        CustomRule.Target target = target(node, key, counting);
        String message = text(node, "message", key, counting, false);
        String path = text(node, "path", key, counting, false);
        String description = text(node, "description", key, counting, false);
        String remediation = text(node, "remediation", key, counting, false);
        String category = text(node, "category", key, counting, false);
        boolean hasCel = node.has("cel");
        boolean hasSchema = node.has("jsonSchema");
        if (hasCel == hasSchema) {
            counting.add(
                    key,
                    hasCel
                            ? "has both cel and jsonSchema, expected one of them"
                            : "has neither cel nor jsonSchema, expected one of them");
        }
        CelExpression cel = null;
        CelExpression messageExpression = null;
        JsonSchemaCheck schema = null;
        if (hasCel && !hasSchema) {
            cel = compile(node, "cel", key, counting, true);
            messageExpression = compile(node, "messageExpression", key, counting, false);
        } else if (hasSchema && !hasCel) {
            try {
                schema = JsonSchemaCheck.compile(node.get("jsonSchema"), id == null ? key : id);
            } catch (IllegalArgumentException e) {
                counting.add(key + ".jsonSchema", e.getMessage());
            }
            if (node.has("messageExpression")) {
                counting.add(key + ".messageExpression", "is only for cel rules, expected message");
            }
        }
        if (found[0] > 0) {
            return null;
        }
        ruleIds.add(id);
        String shown = message != null ? message : title;
        RuleMetadata metadata = new RuleMetadata(
                id,
                title,
                severity,
                category != null ? category : "custom",
                Profiles.names(),
                description != null ? description : title + ".",
                remediation != null ? remediation : "Change the object so that custom rule " + id + " holds.",
                hasCel ? "CEL: `" + cel.source() + "`" : "JSON Schema: `" + node.get("jsonSchema") + "`",
                List.of());
        Object params = node.has("params") ? CelValues.of(node.get("params")) : null;
        String at = path == null ? "" : path;
        if (cel != null) {
            return new CustomRule.Cel(metadata, kinds, target, at, shown, cel, messageExpression, params);
        }
        return new CustomRule.Schema(metadata, kinds, target, at, shown, schema);
    }

    private static CelExpression compile(JsonNode node, String field, String key, Problems problems, boolean required) {
        String source = text(node, field, key, problems, required);
        if (source == null) {
            return null;
        }
        try {
            return field.equals("cel") ? CelExpression.predicate(source) : CelExpression.message(source);
        } catch (IllegalArgumentException e) {
            problems.add(key + "." + field, e.getMessage());
            return null;
        }
    }

    private static String text(JsonNode node, String field, String key, Problems problems, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(key + "." + field, "is missing, expected a non-empty string");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(key + "." + field, "is " + describe(v) + ", expected a non-empty string");
            return null;
        }
        return v.asText().strip();
    }

    private static Severity severity(JsonNode node, String key, Problems problems) {
        JsonNode v = node.get("severity");
        if (v == null || v.isNull()) {
            return Severity.WARNING;
        }
        if (v.isTextual()) {
            for (Severity s : Severity.values()) {
                if (s.id().equals(v.asText().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
        }
        problems.add(key + ".severity", "is " + describe(v) + ", expected error, warning or info");
        return Severity.WARNING;
    }

    private static Set<String> kinds(JsonNode node, String key, Problems problems) {
        JsonNode v = node.get("kinds");
        Set<String> kinds = new LinkedHashSet<>();
        if (v == null || v.isNull()) {
            return kinds;
        }
        if (!v.isArray()) {
            problems.add(key + ".kinds", "is " + describe(v) + ", expected a list of kinds such as [Deployment]");
            return kinds;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode k = v.get(i);
            if (!k.isTextual() || k.asText().isBlank()) {
                problems.add(key + ".kinds[" + i + "]", "is " + describe(k) + ", expected a kind such as Deployment");
            } else {
                kinds.add(k.asText());
            }
        }
        return kinds;
    }

    private static final Map<String, CustomRule.Target> TARGETS = Map.of(
            "object", CustomRule.Target.OBJECT,
            "podSpec", CustomRule.Target.POD_SPEC,
            "container", CustomRule.Target.CONTAINER);

    private static CustomRule.Target target(JsonNode node, String key, Problems problems) {
        JsonNode v = node.get("target");
        if (v == null || v.isNull()) {
            return CustomRule.Target.OBJECT;
        }
        CustomRule.Target t = v.isTextual() ? TARGETS.get(v.asText()) : null;
        if (t == null) {
            problems.add(key + ".target", "is " + describe(v) + ", expected object, podSpec or container");
            return CustomRule.Target.OBJECT;
        }
        return t;
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "'" + v.asText() + "'";
        } else if (v.isArray()) {
            return "a list";
        } else if (v.isObject()) {
            return "a mapping";
        } else if (v.isNull()) {
            return "empty";
        }
        return v.asText();
    }
}
