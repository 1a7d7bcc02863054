package dev.vigil.bench.webhook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The mixed request corpus: allowed and denied Pods, Deployments and CronJobs, updates with an old object (a spec
 * change and a metadata-only change), a dry run and a request in an exempt namespace.
 */
public final class Corpus {
    public record Entry(String name, byte[] body) {}

    private static final String RESTRICTED_SC =
            "{\"allowPrivilegeEscalation\":false,\"capabilities\":{\"drop\":[\"ALL\"]},"
                    + "\"runAsNonRoot\":true,\"seccompProfile\":{\"type\":\"RuntimeDefault\"}}";
    private static final String PRIVILEGED_SC = "{\"privileged\":true}";

    private Corpus() {}

    public static List<Entry> mixed() {
        List<Entry> out = new ArrayList<>();
        String goodSpec = podSpec(RESTRICTED_SC);
        String badSpec = podSpec(PRIVILEGED_SC);
        out.add(entry("pod-allowed", "CREATE", "", "v1", "Pod", "team-a", pod("web", goodSpec), null, false));
        out.add(entry("pod-denied", "CREATE", "", "v1", "Pod", "team-a", pod("web", badSpec), null, false));
        out.add(entry(
                "deployment-allowed",
                "CREATE",
                "apps",
                "v1",
                "Deployment",
                "team-a",
                templated("apps/v1", "Deployment", "web", goodSpec),
                null,
                false));
        out.add(entry(
                "deployment-denied",
                "CREATE",
                "apps",
                "v1",
                "Deployment",
                "team-a",
                templated("apps/v1", "Deployment", "web", badSpec),
                null,
                false));
        out.add(entry("cronjob-allowed", "CREATE", "batch", "v1", "CronJob", "team-b", cronJob(goodSpec), null, false));
        out.add(entry(
                "update-spec-change",
                "UPDATE",
                "apps",
                "v1",
                "Deployment",
                "team-a",
                templated("apps/v1", "Deployment", "web", podSpec(RESTRICTED_SC).replace(":1.0", ":1.1")),
                templated("apps/v1", "Deployment", "web", goodSpec),
                false));
        out.add(entry(
                "update-metadata-only",
                "UPDATE",
                "",
                "v1",
                "Pod",
                "team-a",
                pod("web", badSpec).replace("\"name\":\"web\"", "\"name\":\"web\",\"labels\":{\"x\":\"y\"}"),
                pod("web", badSpec),
                false));
        out.add(entry("dry-run-denied", "CREATE", "", "v1", "Pod", "team-a", pod("web", badSpec), null, true));
        out.add(entry("exempt-namespace", "CREATE", "", "v1", "Pod", "kube-system", pod("web", badSpec), null, false));
        return out;
    }

    private static String podSpec(String securityContext) {
        return "{\"containers\":[{\"name\":\"app\",\"image\":\"registry.example/app:1.0\","
                + "\"ports\":[{\"containerPort\":8080}],"
                + "\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"},\"limits\":{\"memory\":\"256Mi\"}},"
                + "\"securityContext\":" + securityContext + "}],"
                + "\"initContainers\":[{\"name\":\"init\",\"image\":\"registry.example/init:1.0\",\"securityContext\":"
                + securityContext + "}]}";
    }

    private static String pod(String name, String spec) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":" + spec
                + "}";
    }

    private static String templated(String apiVersion, String kind, String name, String spec) {
        return "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\"" + name
                + "\"},\"spec\":{\"replicas\":3,\"selector\":{\"matchLabels\":{\"app\":\"" + name + "\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"" + name + "\"}},\"spec\":" + spec + "}}}";
    }

    private static String cronJob(String spec) {
        return "{\"apiVersion\":\"batch/v1\",\"kind\":\"CronJob\",\"metadata\":{\"name\":\"nightly\"},"
                + "\"spec\":{\"schedule\":\"0 3 * * *\",\"jobTemplate\":{\"spec\":{\"template\":{\"spec\":"
                + spec.replace("{\"containers\"", "{\"restartPolicy\":\"OnFailure\",\"containers\"") + "}}}}}";
    }

    private static Entry entry(
            String name,
            String op,
            String group,
            String version,
            String kind,
            String ns,
            String object,
            String oldObject,
            boolean dryRun) {
        String resource = kind.toLowerCase() + "s";
        StringBuilder sb = new StringBuilder();
        sb.append("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{")
                .append("\"uid\":\"00000000-0000-0000-0000-")
                .append(String.format("%012d", Math.abs(name.hashCode())))
                .append("\",\"kind\":{\"group\":\"")
                .append(group)
                .append("\",\"version\":\"")
                .append(version)
                .append("\",\"kind\":\"")
                .append(kind)
                .append("\"},")
                .append("\"resource\":{\"group\":\"")
                .append(group)
                .append("\",\"version\":\"")
                .append(version)
                .append("\",\"resource\":\"")
                .append(resource)
                .append("\"},")
                .append("\"name\":\"web\",\"namespace\":\"")
                .append(ns)
                .append("\",\"operation\":\"")
                .append(op)
                .append("\",\"userInfo\":{\"username\":\"system:serviceaccount:ci:deployer\",\"groups\":"
                        + "[\"system:serviceaccounts\",\"system:authenticated\"]},")
                .append("\"object\":")
                .append(object);
        if (oldObject != null) {
            sb.append(",\"oldObject\":").append(oldObject);
        }
        sb.append(",\"dryRun\":").append(dryRun).append("}}");
        return new Entry(name, sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
