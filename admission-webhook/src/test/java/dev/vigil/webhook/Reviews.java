package dev.vigil.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/** Builds AdmissionReview v1 requests as the API server sends them. */
public final class Reviews {
    /** Kinds that hold a pod template, with their group and resource. */
    public record Wrapper(String group, String kind, String resource) {}

    public static final List<Wrapper> CONTROLLERS = List.of(
            new Wrapper("apps", "Deployment", "deployments"),
            new Wrapper("apps", "ReplicaSet", "replicasets"),
            new Wrapper("apps", "StatefulSet", "statefulsets"),
            new Wrapper("apps", "DaemonSet", "daemonsets"),
            new Wrapper("batch", "Job", "jobs"),
            new Wrapper("batch", "CronJob", "cronjobs"),
            new Wrapper("", "ReplicationController", "replicationcontrollers"),
            new Wrapper("", "PodTemplate", "podtemplates"));

    private Reviews() {}

    public static ObjectNode create(ObjectNode object, String namespace) {
        return review(object, null, "CREATE", namespace, "");
    }

    public static ObjectNode review(
            ObjectNode object, ObjectNode oldObject, String operation, String namespace, String subResource) {
        ObjectNode review = ApiServerClient.JSON.createObjectNode();
        review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode req = review.putObject("request");
        req.put("uid", UUID.randomUUID().toString());
        JsonNode src = object != null ? object : oldObject;
        String apiVersion = src.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String kind = src.path("kind").asText();
        req.putObject("kind").put("group", group).put("version", version).put("kind", kind);
        req.putObject("resource")
                .put("group", group)
                .put("version", version)
                .put("resource", kind.toLowerCase(java.util.Locale.ROOT) + "s");
        if (!subResource.isEmpty()) {
            req.put("subResource", subResource);
        }
        req.put("name", src.path("metadata").path("name").asText());
        req.put("namespace", namespace);
        req.put("operation", operation);
        ObjectNode user = req.putObject("userInfo");
        user.put("username", "alice").put("uid", "1");
        user.putArray("groups").add("system:authenticated");
        if (object != null) {
            req.set("object", object);
        }
        if (oldObject != null) {
            req.set("oldObject", oldObject);
        }
        req.put("dryRun", false);
        return review;
    }

    /** The pod's metadata and spec as the template of {@code wrapper}'s kind. */
    public static ObjectNode wrap(ObjectNode pod, Wrapper wrapper) {
        ObjectNode o = ApiServerClient.JSON.createObjectNode();
        o.put("apiVersion", wrapper.group().isEmpty() ? "v1" : wrapper.group() + "/v1");
        o.put("kind", wrapper.kind());
        o.putObject("metadata").put("name", pod.path("metadata").path("name").asText("x") + "-" + wrapper.resource());
        ObjectNode template = ApiServerClient.JSON.createObjectNode();
        template.set("metadata", pod.path("metadata").deepCopy());
        template.set("spec", pod.path("spec").deepCopy());
        switch (wrapper.kind()) {
            case "PodTemplate" -> o.set("template", template);
            case "CronJob" ->
                o.putObject("spec")
                        .put("schedule", "*/5 * * * *")
                        .putObject("jobTemplate")
                        .putObject("spec")
                        .set("template", template);
            default -> o.putObject("spec").set("template", template);
        }
        return o;
    }
}
