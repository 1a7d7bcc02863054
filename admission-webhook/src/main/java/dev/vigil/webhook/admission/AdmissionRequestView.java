package dev.vigil.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an AdmissionReview v1 request the webhook reads. The objects stay Jackson trees so the engine
 * sees exactly the fields the API server sent (no round trip through typed classes that could drop or reshape
 * them).
 *
 * @param uid request uid, echoed in the response
 * @param group API group of the object's kind
 * @param version API version of the object's kind
 * @param kind the object's kind
 * @param resource the resource, e.g. {@code pods}
 * @param subResource the subresource, e.g. {@code ephemeralcontainers}, empty for none
 * @param operation CREATE, UPDATE, DELETE or CONNECT
 * @param namespace namespace of the request, empty for cluster-scoped objects
 * @param name object name (may be empty on CREATE with generateName)
 * @param username the requesting user
 * @param groups the requesting user's groups
 * @param dryRun true when the request must have no side effects
 * @param object the new object, null for DELETE and CONNECT
 * @param oldObject the existing object on UPDATE and DELETE, else null
 */
public record AdmissionRequestView(
        String uid,
        String group,
        String version,
        String kind,
        String resource,
        String subResource,
        String operation,
        String namespace,
        String name,
        String username,
        List<String> groups,
        boolean dryRun,
        ObjectNode object,
        ObjectNode oldObject) {

    /**
     * Reads the {@code request} member of an AdmissionReview.
     *
     * @throws IllegalArgumentException with a one-line reason when a required field is missing or has the wrong type
     */
    public static AdmissionRequestView from(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw new IllegalArgumentException("request is missing or not an object");
        }
        String uid = text(request, "uid", true);
        JsonNode kind = request.path("kind");
        JsonNode resource = request.path("resource");
        String operation = text(request, "operation", true);
        JsonNode object = request.get("object");
        JsonNode oldObject = request.get("oldObject");
        if (object != null && !object.isNull() && !object.isObject()) {
            throw new IllegalArgumentException("request.object must be an object");
        }
        if (oldObject != null && !oldObject.isNull() && !oldObject.isObject()) {
            throw new IllegalArgumentException("request.oldObject must be an object");
        }
        JsonNode user = request.path("userInfo");
        List<String> groups = new ArrayList<>();
        for (JsonNode g : user.path("groups")) {
            groups.add(g.asText());
        }
        return new AdmissionRequestView(
                uid,
                kind.path("group").asText(""),
                kind.path("version").asText(""),
                kind.path("kind").asText(""),
                resource.path("resource").asText(""),
                request.path("subResource").asText(""),
                operation,
                request.path("namespace").asText(""),
                request.path("name").asText(""),
                user.path("username").asText(""),
                List.copyOf(groups),
                request.path("dryRun").asBoolean(false),
                object instanceof ObjectNode o ? o : null,
                oldObject instanceof ObjectNode o ? o : null);
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("request." + field + " is missing");
            }
            return "";
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("request." + field + " must be a string");
        }
        if (required && v.asText().isEmpty()) {
            throw new IllegalArgumentException("request." + field + " is empty");
        }
        return v.asText();
    }

    /** {@code Kind} of the object, or the resource name when the kind is absent. */
    public String kindLabel() {
        return kind.isEmpty() ? resource : kind;
    }
}
