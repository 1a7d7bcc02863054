package dev.vigil.policy.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.policy.Resource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schemas of custom resources, taken from the {@code openAPIV3Schema} of CustomResourceDefinitions (in the input
 * or in {@code --crd} paths). Kubernetes' structural schemas are turned into strict draft 2020-12 schemas: objects
 * with {@code properties} forbid unknown fields unless {@code x-kubernetes-preserve-unknown-fields} is set,
 * {@code nullable} admits null, {@code x-kubernetes-int-or-string} admits both, embedded resources get
 * {@code apiVersion}, {@code kind} and {@code metadata}. Compiled lazily, once per version and kind.
 */
final class CrdSchemas {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** {@code group/version Kind} → the raw openAPIV3Schema of that CRD version. */
    private final Map<String, JsonNode> raw = new HashMap<>();

    private final Map<String, Optional<CompiledSchema>> compiled = new ConcurrentHashMap<>();
    private final Map<String, String> broken = new ConcurrentHashMap<>();

    CrdSchemas(List<Resource> crds) {
        for (Resource crd : crds) {
            add(crd.json());
        }
    }

    static boolean isCrd(Resource r) {
        return r.kind().equals("CustomResourceDefinition") && r.group().equals("apiextensions.k8s.io");
    }

    private void add(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        String group = spec.path("group").asText("");
        String kind = spec.path("names").path("kind").asText("");
        if (group.isEmpty() || kind.isEmpty()) {
            return;
        }
        JsonNode shared = spec.path("validation").path("openAPIV3Schema"); // v1beta1
        for (JsonNode version : spec.path("versions")) {
            JsonNode schema = version.path("schema").path("openAPIV3Schema");
            if (schema.isMissingNode()) {
                schema = shared;
            }
            if (schema.isObject()) {
                raw.putIfAbsent(key(group + "/" + version.path("name").asText(""), kind), schema);
            }
        }
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }

    /** The raw openAPIV3Schema of the CRD version for {@code apiVersion}/{@code kind}; null when none. */
    JsonNode raw(String apiVersion, String kind) {
        return raw.get(key(apiVersion, kind));
    }

    /** Why the CRD schema of {@code apiVersion}/{@code kind} could not be compiled; null when it could. */
    String brokenReason(String apiVersion, String kind) {
        return broken.get(key(apiVersion, kind));
    }

    Optional<CompiledSchema> schema(String apiVersion, String kind) {
        String key = key(apiVersion, kind);
        JsonNode source = raw.get(key);
        if (source == null) {
            return Optional.empty();
        }
        return compiled.computeIfAbsent(key, k -> {
            try {
                return Optional.of(CompiledSchema.of(toStrict(source, true), "vigil:crd/" + k.replace(' ', '/')));
            } catch (RuntimeException e) { // a broken CRD schema: its objects are skipped, with the reason
                String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                broken.put(k, why.replaceFirst("^[a-z.]+\\.([A-Z]\\w*(Exception|Error)): ", "$1: "));
                return Optional.empty();
            }
        });
    }

    /** The strict draft 2020-12 equivalent of a structural schema node. */
    static ObjectNode toStrict(JsonNode node, boolean root) {
        ObjectNode out = JSON.objectNode();
        boolean preserve = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        boolean embedded = node.path("x-kubernetes-embedded-resource").asBoolean(false);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            JsonNode v = e.getValue();
            switch (k) {
                case "properties", "patternProperties" -> {
                    ObjectNode props = out.putObject(k);
                    v.fields().forEachRemaining(p -> props.set(p.getKey(), toStrict(p.getValue(), false)));
                }
                case "items", "not" -> out.set(k, v.isObject() ? toStrict(v, false) : v);
                case "additionalProperties" -> out.set(k, v.isObject() ? toStrict(v, false) : v);
                case "allOf", "anyOf", "oneOf" -> {
                    ArrayNode list = out.putArray(k);
                    v.forEach(item -> list.add(toStrict(item, false)));
                }
                case "type",
                        "enum",
                        "const",
                        "required",
                        "minimum",
                        "maximum",
                        "exclusiveMinimum",
                        "exclusiveMaximum",
                        "minLength",
                        "maxLength",
                        "pattern",
                        "minItems",
                        "maxItems",
                        "uniqueItems",
                        "minProperties",
                        "maxProperties",
                        "multipleOf" -> out.set(k, v);
                default -> {
                    // descriptions, defaults, formats and x-kubernetes-* extensions do not constrain here
                }
            }
        }
        if (node.path("x-kubernetes-int-or-string").asBoolean(false)) {
            out.remove("type");
            out.set("type", JSON.arrayNode().add("integer").add("string"));
        }
        if (root || embedded) {
            ObjectNode props = out.has("properties") ? (ObjectNode) out.get("properties") : out.putObject("properties");
            props.putIfAbsent("apiVersion", JSON.objectNode().put("type", "string"));
            props.putIfAbsent("kind", JSON.objectNode().put("type", "string"));
            props.set("metadata", JSON.objectNode().put("type", "object"));
        }
        if (node.path("nullable").asBoolean(false)
                && out.get("type") != null
                && out.get("type").isTextual()) {
            out.set("type", JSON.arrayNode().add(out.get("type").asText()).add("null"));
        }
        if (out.has("properties") && !out.has("additionalProperties") && !preserve) {
            out.put("additionalProperties", false);
        }
        return out;
    }
}
