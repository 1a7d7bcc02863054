import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.bench.webhook.Corpus;
import dev.vigil.webhook.admission.AdmissionDecision;
import dev.vigil.webhook.admission.AdmissionRequestView;
import dev.vigil.webhook.admission.AdmissionReviewer;
import dev.vigil.webhook.admission.AdmissionSettings;
import dev.vigil.webhook.admission.NamespaceLabels;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bytes allocated per admission decision (issue 15's allocation side), in process, not timed: the webhook's
 * AdmissionReviewer with the standard levels (enforce pss-baseline, warn and audit recommended, --no-kube) over the
 * load generator's review shapes (four entries of benchmarks/webhook's Corpus: a Pod and a Deployment, each with an
 * init container and an app container, restricted or privileged), counted with com.sun.management.ThreadMXBean#getThreadAllocatedBytes around N calls of
 * validate() after a warm-up. Also prints a SHA-256 over every decision (allowed, code, message, warnings, audit
 * annotations) so a change can be checked to give the same answers (PRINT_ANSWERS=1 prints them). Usage (after building the webhook jar and
 * the benchmark module, e.g. by benchmarks/webhook/run.sh):
 *   java -cp admission-webhook/target/admission-webhook.jar:benchmarks/webhook/target/classes \
 *       benchmarks/webhook/AllocPerReview.java [N]
 */
public class AllocPerReview {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        ObjectMapper mapper = new ObjectMapper();
        AdmissionReviewer reviewer = new AdmissionReviewer(AdmissionSettings.standard(), NamespaceLabels.of(Map.of()));
        Set<String> measured = Set.of("pod-allowed", "pod-denied", "deployment-allowed", "deployment-denied");
        List<Corpus.Entry> shapes = new ArrayList<>();
        for (Corpus.Entry e : Corpus.mixed()) {
            if (measured.contains(e.name())) {
                shapes.add(e);
            }
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        System.out.printf("java %s, %d decisions per shape after %d of warm-up%n",
                System.getProperty("java.version"), n, n);
        long total = 0;
        for (Corpus.Entry shape : shapes) {
            JsonNode request = mapper.readTree(shape.body()).get("request");
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
                    shape.name(), bytes, HexFormat.of().formatHex(sha.digest()).substring(0, 16));
        }
        System.out.printf("%-20s %,8d bytes per decision%n", "mean", total / shapes.size());
    }

    private static String fingerprint(AdmissionDecision d) {
        return d.allowed() + "|" + d.code() + "|" + d.message() + "|" + d.warnings() + "|" + new java.util.TreeMap<>(d.auditAnnotations()); // Map.of order varies per JVM
    }
}
