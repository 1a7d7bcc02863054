import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.webhook.admission.AdmissionDecision;
import dev.vigil.webhook.admission.AdmissionRequestView;
import dev.vigil.webhook.admission.AdmissionReviewer;
import dev.vigil.webhook.admission.AdmissionSettings;
import dev.vigil.webhook.admission.NamespaceLabels;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Bytes allocated per admission decision (issue 15's allocation side), in process, not timed: the webhook's
 * AdmissionReviewer with the standard levels (enforce pss-baseline, warn and audit recommended, --no-kube) over the
 * benchmark's review shapes (the containers of benchmarks/webhook's Corpus: an init container and an app container,
 * restricted or privileged), counted with com.sun.management.ThreadMXBean#getThreadAllocatedBytes around N calls of
 * validate() after a warm-up. Also prints a SHA-256 over every decision (allowed, code, message, warnings, audit
 * annotations) so a change can be checked to give the same answers (PRINT_ANSWERS=1 prints them). Usage (after building the webhook jar):
 *   java -cp admission-webhook/target/admission-webhook.jar benchmarks/webhook/AllocPerReview.java [N]
 */
public class AllocPerReview {
    private static final String RESTRICTED_SC =
            "{\"allowPrivilegeEscalation\":false,\"capabilities\":{\"drop\":[\"ALL\"]},"
                    + "\"runAsNonRoot\":true,\"seccompProfile\":{\"type\":\"RuntimeDefault\"}}";
    private static final String PRIVILEGED_SC = "{\"privileged\":true}";

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        ObjectMapper mapper = new ObjectMapper();
        AdmissionReviewer reviewer = new AdmissionReviewer(AdmissionSettings.standard(), NamespaceLabels.of(Map.of()));
        List<String[]> shapes = List.of(
                new String[] {"pod-allowed", review("Pod", "", pod(podSpec(RESTRICTED_SC)))},
                new String[] {"pod-denied", review("Pod", "", pod(podSpec(PRIVILEGED_SC)))},
                new String[] {"deployment-allowed", review("Deployment", "apps", deployment(podSpec(RESTRICTED_SC)))},
                new String[] {"deployment-denied", review("Deployment", "apps", deployment(podSpec(PRIVILEGED_SC)))});
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        System.out.printf("java %s, %d decisions per shape after %d of warm-up%n",
                System.getProperty("java.version"), n, n);
        long total = 0;
        for (String[] shape : shapes) {
            JsonNode request = mapper.readTree(shape[1]).get("request");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String answer = fingerprint(reviewer.validate(AdmissionRequestView.from(request)));
            if (System.getenv("PRINT_ANSWERS") != null) {
                System.out.println(answer);
            }
            sha.update(answer.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (int i = 0; i < n; i++) { // warm-up: let the JIT compile the path (escape analysis changes the count)
                reviewer.validate(AdmissionRequestView.from(request));
            }
            long before = threads.getThreadAllocatedBytes(tid);
            for (int i = 0; i < n; i++) {
                reviewer.validate(AdmissionRequestView.from(request));
            }
            long bytes = (threads.getThreadAllocatedBytes(tid) - before) / n;
            total += bytes;
            System.out.printf("%-20s %,8d bytes per decision  answer sha256 %s%n",
                    shape[0], bytes, HexFormat.of().formatHex(sha.digest()).substring(0, 16));
        }
        System.out.printf("%-20s %,8d bytes per decision%n", "mean", total / shapes.size());
    }

    private static String fingerprint(AdmissionDecision d) {
        return d.allowed() + "|" + d.code() + "|" + d.message() + "|" + d.warnings() + "|" + new java.util.TreeMap<>(d.auditAnnotations()); // Map.of order varies per JVM
    }

    private static String podSpec(String securityContext) {
        return "{\"containers\":[{\"name\":\"app\",\"image\":\"registry.example/app:1.0\","
                + "\"ports\":[{\"containerPort\":8080}],"
                + "\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"},\"limits\":{\"memory\":\"256Mi\"}},"
                + "\"securityContext\":" + securityContext + "}],"
                + "\"initContainers\":[{\"name\":\"init\",\"image\":\"registry.example/init:1.0\",\"securityContext\":"
                + securityContext + "}]}";
    }

    private static String pod(String spec) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\"},\"spec\":" + spec + "}";
    }

    private static String deployment(String spec) {
        return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},"
                + "\"spec\":{\"replicas\":3,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":" + spec + "}}}";
    }

    private static String review(String kind, String group, String object) {
        return "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{"
                + "\"uid\":\"0b8e7c2a-1111-2222-3333-444455556666\","
                + "\"kind\":{\"group\":\"" + group + "\",\"version\":\"v1\",\"kind\":\"" + kind + "\"},"
                + "\"resource\":{\"group\":\"" + group + "\",\"version\":\"v1\",\"resource\":\""
                + kind.toLowerCase() + "s\"},"
                + "\"operation\":\"CREATE\",\"namespace\":\"team-a\",\"name\":\"web\","
                + "\"userInfo\":{\"username\":\"alice\",\"groups\":[\"system:authenticated\"]},"
                + "\"object\":" + object + ",\"dryRun\":false}}";
    }
}
