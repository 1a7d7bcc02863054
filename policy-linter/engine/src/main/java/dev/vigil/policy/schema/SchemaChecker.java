package dev.vigil.policy.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates one object against one compiled schema and turns the validator's errors into positioned violations. */
final class SchemaChecker {
    private SchemaChecker() {}

    /**
     * The violations of {@code object} against {@code schema}; {@code label} names the schema in messages, e.g.
     * {@code apps/v1 Deployment, Kubernetes v1.37}.
     */
    static List<SchemaViolation> check(CompiledSchema schema, JsonNode object, String label) {
        List<Error> errors = schema.schema().validate(hasNullField(object) ? withoutNulls(object) : object);
        Set<SchemaViolation> out = new LinkedHashSet<>();
        for (Error e : errors) {
            out.add(toViolation(schema, e, label));
        }
        return List.copyOf(out);
    }

    private static SchemaViolation toViolation(CompiledSchema schema, Error e, String label) {
        String at = enginePath(e.getInstanceLocation());
        String suffix = label.isEmpty() ? "" : " (" + label + ")";
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        switch (keyword) {
            case "additionalProperties", "unevaluatedProperties" -> {
                String field = e.getProperty();
                String path = child(at, field);
                String hint = suggestion(schema, e, field);
                return new SchemaViolation(
                        SchemaViolation.Type.UNKNOWN_FIELD, path, "unknown field \"" + path + "\"" + hint + suffix);
            }
            case "required" -> {
                String field = e.getProperty();
                return new SchemaViolation(
                        SchemaViolation.Type.MISSING_REQUIRED,
                        at,
                        (at.isEmpty() ? "" : at + ": ") + "missing required field \"" + field + "\"" + suffix);
            }
            case "type" -> {
                JsonNode value = e.getInstanceNode();
                return new SchemaViolation(
                        SchemaViolation.Type.WRONG_TYPE,
                        at,
                        at + ": expected " + expectedType(e.getSchemaNode()) + " but got " + describe(value) + suffix);
            }
            default -> {
                return new SchemaViolation(
                        SchemaViolation.Type.INVALID_VALUE,
                        at,
                        (at.isEmpty() ? "" : at + ": ") + stripLocation(e.getMessage()) + suffix);
            }
        }
    }

    /** {@code spec.template.spec.containers[0]} from the validator's instance location. */
    static String enginePath(NodePath location) {
        StringBuilder sb = new StringBuilder();
        if (location == null) {
            return "";
        }
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                appendField(sb, String.valueOf(element));
            }
        }
        return sb.toString();
    }

    static String child(String parent, String field) {
        StringBuilder sb = new StringBuilder(parent);
        appendField(sb, field);
        return sb.toString();
    }

    private static void appendField(StringBuilder sb, String name) {
        if (name.indexOf('.') >= 0 || name.indexOf('[') >= 0 || name.indexOf(']') >= 0) {
            sb.append("[\"").append(name).append("\"]");
        } else {
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(name);
        }
    }

    /** {@code ; did you mean "imagePullPolicy"?} when a defined property is close to {@code field}. */
    private static String suggestion(CompiledSchema schema, Error e, String field) {
        if (e.getSchemaLocation() == null || e.getSchemaLocation().getFragment() == null) {
            return "";
        }
        NodePath fragment = e.getSchemaLocation().getFragment();
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < fragment.getNameCount() - 1; i++) {
            pointer.append('/')
                    .append(String.valueOf(fragment.getElement(i))
                            .replace("~", "~0")
                            .replace("/", "~1"));
        }
        JsonNode properties = schema.at(pointer + "/properties");
        List<String> candidates = new ArrayList<>();
        properties.fieldNames().forEachRemaining(candidates::add);
        int allowed = Math.max(1, Math.min(3, field.length() / 3));
        return dev.vigil.config.Suggestions.closest(field, candidates, allowed)
                .map(best -> "; did you mean \"" + best + "\"?")
                .orElse("");
    }

    private static String expectedType(JsonNode schemaNode) {
        JsonNode type = schemaNode == null || schemaNode.isValueNode() || schemaNode.isArray()
                ? schemaNode
                : schemaNode.get("type");
        if (type == null) {
            return "another type";
        }
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> {
                if (!t.asText().equals("null")) {
                    names.add(t.asText());
                }
            });
            return String.join(" or ", names);
        }
        return type.asText();
    }

    private static String describe(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        } else if (value.isTextual()) {
            String text = value.asText();
            return "string \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
        } else if (value.isIntegralNumber()) {
            return "integer " + value.asText();
        } else if (value.isNumber()) {
            return "number " + value.asText();
        } else if (value.isBoolean()) {
            return "boolean " + value.asText();
        } else if (value.isArray()) {
            return "a list";
        }
        return "an object";
    }

    /** The validator's messages start with the instance location ({@code $.spec.x: ...}); drop it. */
    private static String stripLocation(String message) {
        if (message == null) {
            return "is not valid";
        }
        int colon = message.indexOf(": ");
        return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
    }

    /** True when some object field in the tree is null (most objects have none: no copy needed then). */
    static boolean hasNullField(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                JsonNode v = it.next().getValue();
                if (v.isNull() || (v.isContainerNode() && hasNullField(v))) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (item.isContainerNode() && hasNullField(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A copy of {@code node} without null-valued object fields: Kubernetes treats {@code field: null} (and an
     * empty YAML value) as an absent optional field, and so do we.
     */
    static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) {
                    copy.set(e.getKey(), withoutNulls(e.getValue()));
                }
            }
            return copy;
        } else if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            for (JsonNode item : node) {
                copy.add(withoutNulls(item));
            }
            return copy;
        }
        return node;
    }
}
