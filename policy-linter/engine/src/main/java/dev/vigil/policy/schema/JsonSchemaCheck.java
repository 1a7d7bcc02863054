package dev.vigil.policy.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A user-supplied JSON schema (draft 2020-12 unless it says otherwise), compiled once, for Polaris-style custom
 * rules. Violations carry paths relative to the checked node.
 */
public final class JsonSchemaCheck {
    private final CompiledSchema schema;

    private JsonSchemaCheck(CompiledSchema schema) {
        this.schema = schema;
    }

    /**
     * Compiles {@code schema}.
     *
     * @param id a unique name for the schema, e.g. the custom rule id
     * @throws IllegalArgumentException when the schema is not an object or cannot be compiled, naming why
     */
    public static JsonSchemaCheck compile(JsonNode schema, String id) {
        if (!schema.isObject()) {
            throw new IllegalArgumentException("must be a JSON schema object");
        }
        String remote = remoteReference(schema);
        if (remote != null) {
            throw new IllegalArgumentException(
                    "refers to '" + remote + "', expected only local references (#/...): Vigil never fetches schemas");
        }
        try {
            return new JsonSchemaCheck(CompiledSchema.of((ObjectNode) schema, "vigil:custom/" + id));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not a valid JSON schema: " + e.getMessage(), e);
        }
    }

    /** The first {@code $ref}/{@code $dynamicRef} that is not local to the schema, or null. */
    private static String remoteReference(JsonNode node) {
        if (node.isObject()) {
            for (String keyword : new String[] {"$ref", "$dynamicRef", "$recursiveRef"}) {
                JsonNode ref = node.get(keyword);
                if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
                    return ref.asText();
                }
            }
        }
        for (JsonNode child : node) {
            String found = remoteReference(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The violations of {@code node}; {@code label} ends each message, e.g. {@code custom rule no-host-network}. */
    public List<SchemaViolation> check(JsonNode node, String label) {
        return SchemaChecker.check(schema, node, label);
    }
}
