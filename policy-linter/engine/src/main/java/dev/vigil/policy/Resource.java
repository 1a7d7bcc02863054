package dev.vigil.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.policy.internal.PositionTree;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Kubernetes object as the engine sees it: its JSON tree, where it came from, and the source position of
 * each of its fields. Read-only: rules never change the tree.
 */
public final class Resource {
    private final ObjectNode json;
    private final String file;
    private final PositionTree positions;
    /** Effective security contexts of this object's containers, by container path (computed once each). */
    final java.util.concurrent.ConcurrentMap<String, EffectiveSecurityContext> securityContexts =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Resource(ObjectNode json, String file, PositionTree positions) {
        this.json = Objects.requireNonNull(json, "json");
        this.file = Objects.requireNonNull(file, "file");
        this.positions = positions;
    }

    /** An object that did not come from a file, e.g. from an AdmissionReview; positions are unknown. */
    public static Resource of(ObjectNode json, String source) {
        return new Resource(json, source, null);
    }

    /** Used by loaders: an object with the position tree of its document. */
    public static Resource of(ObjectNode json, String file, PositionTree positions) {
        return new Resource(json, file, positions);
    }

    /** The whole object. */
    public ObjectNode json() {
        return json;
    }

    /** The file the object came from (as the user named it), {@code <stdin>}, or another source label. */
    public String file() {
        return file;
    }

    public String apiVersion() {
        return json.path("apiVersion").asText("");
    }

    public String kind() {
        return json.path("kind").asText("");
    }

    /** The namespace in metadata, or the empty string (cluster-scoped, or the default namespace). */
    public String namespace() {
        return json.path("metadata").path("namespace").asText("");
    }

    public String name() {
        JsonNode meta = json.path("metadata");
        String name = meta.path("name").asText("");
        return name.isEmpty() ? meta.path("generateName").asText("") : name;
    }

    public Map<String, String> labels() {
        return stringMap(json.path("metadata").path("labels"));
    }

    public Map<String, String> annotations() {
        return stringMap(json.path("metadata").path("annotations"));
    }

    /** API group of {@link #apiVersion()}: {@code apps} for {@code apps/v1}, empty for the core group. */
    public String group() {
        String v = apiVersion();
        int slash = v.indexOf('/');
        return slash < 0 ? "" : v.substring(0, slash);
    }

    /** Where the field at {@code path} is (or its nearest existing ancestor when the field is missing). */
    public SourcePosition position(String path) {
        if (positions == null) {
            return SourcePosition.unknown(file);
        }
        PositionTree node = positions.find(path);
        return new SourcePosition(file, node.line(), node.column());
    }

    /** {@code Kind/namespace/name} or {@code Kind/name}, for messages. */
    public String displayName() {
        String ns = namespace();
        return ns.isEmpty() ? kind() + "/" + name() : kind() + "/" + ns + "/" + name();
    }

    static Map<String, String> stringMap(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return displayName() + " (" + position("") + ")";
    }
}
