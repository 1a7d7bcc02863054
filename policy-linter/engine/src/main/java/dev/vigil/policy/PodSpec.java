package dev.vigil.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A pod spec found in a resource: a Pod's own spec, the template of a controller (Deployment, CronJob, …), or a
 * pod template found by shape inside a custom resource. Paths are relative to the owning resource, so findings
 * point at the offending field of the file.
 *
 * @param owner the resource that holds the pod spec
 * @param specPath path of the pod spec, e.g. {@code spec.template.spec}; empty never (a Pod's is {@code spec})
 * @param metadataPath path of the pod metadata (labels, annotations), e.g. {@code spec.template.metadata}
 */
public record PodSpec(Resource owner, String specPath, String metadataPath) {
    /** The pod spec itself. */
    public JsonNode spec() {
        return owner.node(specPath);
    }

    /** The pod metadata (a missing node when absent). */
    public JsonNode metadata() {
        return owner.node(metadataPath);
    }

    /** Pod annotations (the template's for controllers). */
    public java.util.Map<String, String> annotations() {
        return owner.annotationsAt(metadataPath);
    }

    /** Pod labels (the template's for controllers). */
    public java.util.Map<String, String> labels() {
        return owner.labelsAt(metadataPath);
    }

    /** Path of a field of the pod spec, e.g. {@code field("hostNetwork")}. */
    public String path(String field) {
        return specPath + "." + field;
    }

    /** Every container: init containers, containers, then ephemeral containers. */
    public List<Container> allContainers() {
        List<Container> all = owner.containerLists.get(specPath);
        if (all == null) {
            // built once: most rules ask for every container of every pod spec (the tree is read-only)
            List<Container> out = new ArrayList<>();
            addContainers(out, Container.Type.INIT, "initContainers");
            addContainers(out, Container.Type.REGULAR, "containers");
            addContainers(out, Container.Type.EPHEMERAL, "ephemeralContainers");
            all = Collections.unmodifiableList(out);
            owner.containerLists.put(specPath, all);
        }
        return all;
    }

    private void addContainers(List<Container> out, Container.Type type, String field) {
        for (Fields.Item item : objects(field)) {
            out.add(new Container(this, type, item.path(), item.node()));
        }
    }

    /**
     * The object entries of a list field of the pod spec, e.g. {@code objects("volumes")}; entries of the wrong shape
     * are skipped and recorded ({@link Fields}).
     */
    public List<Fields.Item> objects(String field) {
        JsonNode list = PodSpec.at(spec(), field);
        // the path is built only when there is a list to read (most fields are absent on most pods)
        return absent(list) ? List.of() : Fields.objects(owner, list, path(field));
    }

    /** A missing or {@code null} list: {@link Fields} reads it as empty and records nothing. */
    static boolean absent(JsonNode list) {
        return list.isMissingNode() || list.isNull();
    }

    /** The node at a dotted path of plain field names (no indexes). */
    static JsonNode at(JsonNode root, String dottedPath) {
        JsonNode node = root;
        int start = 0;
        while (start <= dottedPath.length() && !node.isMissingNode()) {
            int dot = dottedPath.indexOf('.', start);
            int end = dot < 0 ? dottedPath.length() : dot;
            if (end > start) {
                node = node.path(dottedPath.substring(start, end));
            }
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        return node;
    }

    /**
     * One container of a pod spec.
     *
     * @param pod the pod spec it belongs to
     * @param type init, regular or ephemeral
     * @param path its path in the owning resource, e.g. {@code spec.template.spec.containers[1]}
     * @param json the container object
     */
    public record Container(PodSpec pod, Type type, String path, JsonNode json) {
        /** Which list the container is in. */
        public enum Type {
            INIT,
            REGULAR,
            EPHEMERAL
        }

        public String name() {
            return json.path("name").asText("");
        }

        /**
         * The object entries of a list field of this container, e.g. {@code objects("env")}; entries of the wrong
         * shape are skipped and recorded ({@link Fields}).
         */
        public List<Fields.Item> objects(String dottedField) {
            JsonNode list = PodSpec.at(json, dottedField);
            return absent(list) ? List.of() : Fields.objects(pod.owner(), list, path(dottedField));
        }

        /** The scalar entries of a list field, e.g. {@code scalars("securityContext.capabilities.add")}. */
        public List<Fields.Item> scalars(String dottedField) {
            JsonNode list = PodSpec.at(json, dottedField);
            return absent(list) ? List.of() : Fields.scalars(pod.owner(), list, path(dottedField));
        }

        /** Path of a field of this container, e.g. {@code path("securityContext.privileged")}. */
        public String path(String field) {
            return path + "." + field;
        }

        /**
         * The security context this container runs with (pod level merged with container level), computed once per
         * container and cached on the owning resource. Every rule uses it, so inheritance is handled the same way
         * everywhere.
         */
        public EffectiveSecurityContext effectiveSecurityContext() {
            return pod.owner().securityContexts.computeIfAbsent(path, p -> EffectiveSecurityContext.of(this));
        }
    }
}
