package dev.vigil.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.policy.PodSpec;
import java.util.List;

/**
 * The minimal JSONPatch (RFC 6902) that adds safe security defaults where they are absent: pod-level
 * {@code seccompProfile: RuntimeDefault} and {@code runAsNonRoot: true}; per container {@code
 * allowPrivilegeEscalation: false} and {@code capabilities.drop: [ALL]}. Only {@code add} operations on absent
 * fields, never a change of a value the user set, so applying the patch and computing it again gives an empty
 * patch. Values that would make the pod invalid or unrunnable are left alone: no {@code runAsNonRoot} when a
 * {@code runAsUser: 0} or {@code runAsNonRoot: false} is set, no {@code allowPrivilegeEscalation: false} on a
 * privileged container or one adding {@code SYS_ADMIN}, nothing Linux-only on {@code os.name: windows} pods.
 */
final class DefaultsPatch {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers", "ephemeralContainers");

    private DefaultsPatch() {}

    static ArrayNode forPods(List<PodSpec> pods) {
        ArrayNode patch = NODES.arrayNode();
        for (PodSpec pod : pods) {
            forPod(pod.spec(), pointer(pod.specPath()), patch);
        }
        return patch;
    }

    private static void forPod(JsonNode spec, String base, ArrayNode patch) {
        if (!spec.isObject()) {
            return;
        }
        boolean windows = "windows".equals(spec.path("os").path("name").asText(""));
        JsonNode podSc = spec.path("securityContext");
        ObjectNode podAdd = NODES.objectNode();
        if (!windows && !podSc.has("seccompProfile")) {
            podAdd.putObject("seccompProfile").put("type", "RuntimeDefault");
        }
        if (!podSc.has("runAsNonRoot") && !leavesRunAsNonRootToTheUser(spec, podSc)) {
            podAdd.put("runAsNonRoot", true);
        }
        addFields(patch, base + "/securityContext", podSc, podAdd);
        if (windows) {
            return;
        }
        for (String list : CONTAINER_LISTS) {
            JsonNode containers = spec.path(list);
            for (int i = 0; i < containers.size(); i++) {
                forContainer(containers.get(i), base + "/" + list + "/" + i, patch);
            }
        }
    }

    private static void forContainer(JsonNode container, String base, ArrayNode patch) {
        if (!container.isObject()) {
            return;
        }
        JsonNode sc = container.path("securityContext");
        JsonNode caps = sc.path("capabilities");
        ObjectNode add = NODES.objectNode();
        boolean privileged = sc.path("privileged").asBoolean(false);
        if (!sc.has("allowPrivilegeEscalation") && !privileged && !addsSysAdmin(caps)) {
            add.put("allowPrivilegeEscalation", false);
        }
        if (!caps.isObject()) {
            add.putObject("capabilities").putArray("drop").add("ALL");
            addFields(patch, base + "/securityContext", sc, add);
            return;
        }
        addFields(patch, base + "/securityContext", sc, add);
        JsonNode drop = caps.path("drop");
        if (!drop.isArray()) {
            op(
                    patch,
                    base + "/securityContext/capabilities/drop",
                    NODES.arrayNode().add("ALL"));
        } else if (!contains(drop, "ALL")) {
            op(patch, base + "/securityContext/capabilities/drop/-", NODES.textNode("ALL"));
        }
    }

    /** Adds {@code fields} under {@code path}: the whole object when it is absent, else one op per field. */
    private static void addFields(ArrayNode patch, String path, JsonNode existing, ObjectNode fields) {
        if (fields.isEmpty()) {
            return;
        }
        if (!existing.isObject()) {
            op(patch, path, fields);
            return;
        }
        fields.fields().forEachRemaining(e -> op(patch, path + "/" + e.getKey(), e.getValue()));
    }

    private static void op(ArrayNode patch, String path, JsonNode value) {
        patch.addObject().put("op", "add").put("path", path).set("value", value);
    }

    private static boolean leavesRunAsNonRootToTheUser(JsonNode spec, JsonNode podSc) {
        if (podSc.path("runAsUser").asLong(-1) == 0) {
            return true;
        }
        for (String list : CONTAINER_LISTS) {
            for (JsonNode c : spec.path(list)) {
                JsonNode sc = c.path("securityContext");
                if (sc.path("runAsUser").asLong(-1) == 0
                        || sc.path("runAsNonRoot").isBoolean()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean addsSysAdmin(JsonNode caps) {
        return contains(caps.path("add"), "SYS_ADMIN") || contains(caps.path("add"), "CAP_SYS_ADMIN");
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    /** {@code spec.template.spec} → {@code /spec/template/spec} (field names of pod spec paths need no escaping). */
    static String pointer(String dotted) {
        return "/" + dotted.replace('.', '/');
    }
}
