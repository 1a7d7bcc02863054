package dev.vigil.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Typed reads of lists from an object's untyped JSON tree: the one way rules read {@code containers}, {@code env},
 * {@code volumes}, {@code rules} and every other list. A missing or {@code null} list is empty. A value that is not
 * a list, and a list entry of the wrong shape ({@code containers: [null]}, {@code env: ["x"]}), is skipped and
 * recorded on the object as a {@link FieldProblem}, which every front end reports as an unreadable input (one line
 * naming file, line and field; exit 2) instead of checking it as if it were empty or, worse, failing.
 */
public final class Fields {
    private Fields() {}

    /**
     * One entry of a list.
     *
     * @param listPath the list's path in the owning object, e.g. {@code spec.containers[0].env}
     * @param index the entry's index in the list
     * @param node the entry (an object for {@link #objects}, a scalar for {@link #scalars})
     */
    public record Item(String listPath, int index, JsonNode node) {
        /** The entry's path, e.g. {@code spec.containers[0].env[2]}. */
        public String path() {
            return listPath + "[" + index + "]";
        }

        /** The path of a field of this entry, e.g. {@code path("value")}. */
        public String path(String field) {
            return path() + "." + field;
        }

        /** The entry's field as text ({@code ""} when absent or not a scalar). */
        public String text(String field) {
            JsonNode n = node.path(field);
            return n.isValueNode() && !n.isNull() ? n.asText() : "";
        }
    }

    /**
     * The object entries of the list {@code list}, found at {@code path} of {@code owner}.
     *
     * @param owner the object the list belongs to; wrong shapes are recorded on it
     * @param list the list node (may be missing)
     * @param path the list's path in {@code owner}, e.g. {@code spec.template.spec.volumes}
     */
    public static List<Item> objects(Resource owner, JsonNode list, String path) {
        return items(owner, list, path, true);
    }

    /**
     * The scalar entries (strings, numbers, booleans) of the list {@code list} at {@code path} of {@code owner}, e.g.
     * {@code capabilities.add}.
     */
    public static List<Item> scalars(Resource owner, JsonNode list, String path) {
        return items(owner, list, path, false);
    }

    /** The object entries of the list at a dotted path of plain field names of {@code owner}, e.g. {@code rules}. */
    public static List<Item> objects(Resource owner, String dottedPath) {
        return objects(owner, owner.node(dottedPath), dottedPath);
    }

    /** The scalar entries of the list at a dotted path of plain field names of {@code owner}. */
    public static List<Item> scalars(Resource owner, String dottedPath) {
        return scalars(owner, owner.node(dottedPath), dottedPath);
    }

    private static List<Item> items(Resource owner, JsonNode list, String path, boolean objects) {
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            owner.recordProblem(path, "expected a list, got " + describe(list));
            return List.of();
        }
        int size = list.size();
        if (size == 0) {
            return List.of();
        }
        List<Item> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            JsonNode n = list.get(i);
            boolean fits = objects ? n.isObject() : n.isValueNode() && !n.isNull();
            if (fits) {
                out.add(new Item(path, i, n));
            } else {
                owner.recordProblem(
                        path + "[" + i + "]",
                        "expected " + (objects ? "an object" : "a string") + ", got " + describe(n));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** A short description of what a node is, for messages: {@code null}, {@code string "x"}, {@code a list}. */
    static String describe(JsonNode n) {
        if (n.isNull()) {
            return "null";
        }
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return "a list";
        }
        if (n.isTextual()) {
            String s = n.asText();
            return "string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (n.isNumber()) {
            return "number " + n.asText();
        }
        if (n.isBoolean()) {
            return "boolean " + n.asText();
        }
        return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
