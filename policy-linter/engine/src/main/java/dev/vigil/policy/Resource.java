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
    private final String renderedFrom;
    /** {@link PodSpec#allContainers()} by pod spec path, built once each. */
    final java.util.concurrent.ConcurrentMap<String, java.util.List<PodSpec.Container>> containerLists =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Effective security contexts of this object's containers, by container path (computed once each). */
    final java.util.concurrent.ConcurrentMap<String, EffectiveSecurityContext> securityContexts =
            new java.util.concurrent.ConcurrentHashMap<>();

    // read once: rules ask for these per object and per pair of objects (the tree is read-only)
    private final String apiVersion;
    private final String kind;
    private final String group;
    private final String namespace;
    private final String name;

    private Resource(ObjectNode json, String file, PositionTree positions) {
        this(json, file, positions, null);
    }

    private Resource(ObjectNode json, String file, PositionTree positions, String renderedFrom) {
        this.json = Objects.requireNonNull(json, "json");
        this.file = Objects.requireNonNull(file, "file");
        this.positions = positions;
        this.renderedFrom = renderedFrom;
        this.apiVersion = json.path("apiVersion").asText("");
        this.kind = json.path("kind").asText("");
        int slash = apiVersion.indexOf('/');
        this.group = slash < 0 ? "" : apiVersion.substring(0, slash);
        JsonNode meta = json.path("metadata");
        this.namespace = meta.path("namespace").asText("");
        String n = meta.path("name").asText("");
        this.name = n.isEmpty() ? meta.path("generateName").asText("") : n;
    }

    /** An object that did not come from a file, e.g. from an AdmissionReview; positions are unknown. */
    public static Resource of(ObjectNode json, String source) {
        return new Resource(json, source, null);
    }

    /** Used by loaders: an object with the position tree of its document. */
    public static Resource of(ObjectNode json, String file, PositionTree positions) {
        return new Resource(json, file, positions);
    }

    /**
     * Used by loaders for an object rendered by a tool (kustomize): its rendered JSON, with the file and the field
     * positions of the {@code source} object it came from.
     *
     * @param renderedFrom what rendered it, e.g. the kustomize directory
     */
    public static Resource rendered(ObjectNode json, Resource source, String renderedFrom) {
        return new Resource(json, source.file, source.positions, Objects.requireNonNull(renderedFrom));
    }

    /**
     * Used by loaders for an object rendered from a template (a Helm chart): its rendered JSON, the template file and
     * the positions mapped to the template's lines.
     *
     * @param renderedFrom what rendered it, e.g. the chart directory
     */
    public static Resource rendered(ObjectNode json, String file, PositionTree positions, String renderedFrom) {
        return new Resource(json, file, positions, Objects.requireNonNull(renderedFrom));
    }

    /**
     * How exact {@link #position(String)} is when it is not the field's own line, for reports: null for a field's
     * own position; otherwise what the line is (a template expression's line, or the template file only).
     */
    public String positionNote(String path) {
        if (positions == null || path == null || !positions.mayHaveNotes()) {
            return null;
        }
        return switch (positions.find(path).note()) {
            case PositionTree.EXPRESSION_LINE -> "line of the template expression that wrote this field";
            case PositionTree.FILE_ONLY -> "template line unknown: the template file only";
            default -> null;
        };
    }

    /**
     * The kustomize directory or Helm chart this object was rendered from, or null when it was read as written. When set,
     * {@link #file()} and {@link #position(String)} point into the source file the object came from (the nearest
     * field there when an overlay added the field), so the file must not be rewritten from this object.
     */
    public String renderedFrom() {
        return renderedFrom;
    }

    /** Nodes at dotted paths (pod specs, pod metadata), looked up once each: rules ask for them per check. */
    private final java.util.concurrent.ConcurrentMap<String, JsonNode> nodes =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The node at a dotted path of plain field names, e.g. {@code spec.template.spec} (missing node if absent). */
    JsonNode node(String dottedPath) {
        JsonNode n = nodes.get(dottedPath);
        if (n == null) {
            n = PodSpec.at(json, dottedPath);
            nodes.put(dottedPath, n);
        }
        return n;
    }

    /** Labels and annotations by metadata path, built once each: selectors match them per pair of objects. */
    private final java.util.concurrent.ConcurrentMap<String, Map<String, String>> labelMaps =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final java.util.concurrent.ConcurrentMap<String, Map<String, String>> annotationMaps =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The labels in the metadata at {@code metadataPath} (e.g. {@code spec.template.metadata}), unmodifiable. */
    Map<String, String> labelsAt(String metadataPath) {
        Map<String, String> m = labelMaps.get(metadataPath);
        if (m == null) {
            m = stringMap(node(metadataPath).path("labels"));
            labelMaps.put(metadataPath, m);
        }
        return m;
    }

    /** The annotations in the metadata at {@code metadataPath}, unmodifiable. */
    Map<String, String> annotationsAt(String metadataPath) {
        Map<String, String> m = annotationMaps.get(metadataPath);
        if (m == null) {
            m = stringMap(node(metadataPath).path("annotations"));
            annotationMaps.put(metadataPath, m);
        }
        return m;
    }

    /** Fields of the wrong shape that {@link Fields} met, by path; created on the first one (most objects have none). */
    private volatile java.util.concurrent.ConcurrentMap<String, String> problems;

    /** Records that the field at {@code path} has the wrong shape and was not checked (once per path). */
    void recordProblem(String path, String message) {
        java.util.concurrent.ConcurrentMap<String, String> m = problems;
        if (m == null) {
            synchronized (this) {
                m = problems;
                if (m == null) {
                    m = new java.util.concurrent.ConcurrentHashMap<>();
                    problems = m;
                }
            }
        }
        m.putIfAbsent(path, message);
    }

    /**
     * The fields of this object that the rules could not read because of their shape, ordered by position (empty
     * when every field read so far had the shape expected). Filled while rules run.
     */
    public java.util.List<FieldProblem> fieldProblems() {
        java.util.concurrent.ConcurrentMap<String, String> m = problems;
        if (m == null) {
            return java.util.List.of();
        }
        java.util.List<FieldProblem> out = new java.util.ArrayList<>();
        m.forEach((path, message) -> out.add(new FieldProblem(this, path, message)));
        out.sort(java.util.Comparator.comparingInt(
                        (FieldProblem f) -> f.position().line())
                .thenComparingInt(f -> f.position().column())
                .thenComparing(FieldProblem::path));
        return java.util.List.copyOf(out);
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
        return apiVersion;
    }

    public String kind() {
        return kind;
    }

    /** The namespace in metadata, or the empty string (cluster-scoped, or the default namespace). */
    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    public Map<String, String> labels() {
        return labelsAt("metadata");
    }

    public Map<String, String> annotations() {
        return annotationsAt("metadata");
    }

    /** API group of {@link #apiVersion()}: {@code apps} for {@code apps/v1}, empty for the core group. */
    public String group() {
        return group;
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
