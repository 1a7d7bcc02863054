package dev.vigil.webhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.policy.PssVersion;
import dev.vigil.webhook.ApiServerClient;
import dev.vigil.webhook.Reviews;
import dev.vigil.webhook.TestPki;
import dev.vigil.webhook.TestServer;
import dev.vigil.webhook.admission.AdmissionSettings;
import dev.vigil.webhook.admission.Level;
import dev.vigil.webhook.admission.ModeLevels;
import dev.vigil.webhook.admission.NamespaceLabels;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook over real HTTPS, called as the API server calls it. */
class AdmissionEndpointIT {
    @TempDir
    static Path dir;

    static TestServer server;
    static ApiServerClient api;

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = TestPki.create(dir);
        // warn and audit at pss-restricted (not recommended) so the growing best-practice catalogue cannot
        // change these expectations
        PssVersion latest = PssVersion.LATEST;
        AdmissionSettings settings = AdmissionSettings.standard()
                .withDefaults(new ModeLevels(
                        new Level("pss-baseline", latest),
                        new Level("pss-restricted", latest),
                        new Level("pss-restricted", latest)))
                .withExemptions(
                        Set.of("kube-system", "kube-node-lease", "vigil-system"), Set.of("ops-bot"), Set.of("kata"));
        server = TestServer.start(
                pki,
                settings,
                NamespaceLabels.of(Map.of(
                        "strict",
                        Map.of("vigil.dev/enforce", "pss-restricted"),
                        "relaxed",
                        Map.of("vigil.dev/enforce", "none", "vigil.dev/warn", "none", "vigil.dev/audit", "none"),
                        "typo",
                        Map.of("vigil.dev/enforce", "pss-strict"))));
        api = server.client;
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static ObjectNode pod(String name, String securityContextJson) throws Exception {
        return (ObjectNode) ApiServerClient.JSON.readTree("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{"containers":[{"name":"app","image":"registry.example/app:1.0","securityContext":%s}]}}
                """.formatted(name, securityContextJson));
    }

    static ObjectNode privileged() throws Exception {
        return pod("bad", "{\"privileged\":true}");
    }

    static ObjectNode restrictedPod() throws Exception {
        ObjectNode pod = pod(
                "good",
                "{\"allowPrivilegeEscalation\":false,\"capabilities\":{\"drop\":[\"ALL\"]},\"runAsNonRoot\":true,"
                        + "\"seccompProfile\":{\"type\":\"RuntimeDefault\"}}");
        return pod;
    }

    @Test
    void privilegedPodIsDeniedWithRuleIdPathAndReason() throws Exception {
        ObjectNode review = Reviews.create(privileged(), "team-a");
        JsonNode response = api.review("/validate", review);

        assertThat(response.path("uid").asText())
                .isEqualTo(review.path("request").path("uid").asText());
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
        assertThat(response.path("status").path("message").asText())
                .isEqualTo("Pod \"bad\" violates vigil pss-baseline:latest: pss-privileged at"
                        + " spec.containers[0].securityContext.privileged: container \"app\" must not set"
                        + " securityContext.privileged=true");
        assertThat(response.path("auditAnnotations").path("enforce-policy").asText())
                .isEqualTo("pss-baseline:latest");
    }

    @Test
    void restrictedPodIsAllowedWithoutWarnings() throws Exception {
        JsonNode response = api.review("/validate", Reviews.create(restrictedPod(), "team-a"));

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("status")).isFalse();
        assertThat(response.path("warnings").isMissingNode()).isTrue();
    }

    @Test
    void baselinePodIsAllowedWithBoundedWarningsFromTheWarnLevel() throws Exception {
        JsonNode response = api.review("/validate", Reviews.create(pod("plain", "{}"), "team-a"));

        assertThat(response.path("allowed").asBoolean()).isTrue();
        JsonNode warnings = response.path("warnings");
        assertThat(warnings.size()).isGreaterThan(1);
        assertThat(warnings.get(0).asText()).startsWith("vigil pss-restricted:latest: ");
        int total = 0;
        for (JsonNode w : warnings) {
            assertThat(w.asText().length()).isLessThanOrEqualTo(120);
            total += w.asText().length();
        }
        assertThat(total).isLessThanOrEqualTo(4096);
        assertThat(warnings.toString()).contains("[pss-run-as-non-root]");
        assertThat(response.path("auditAnnotations").path("audit-violations").asText())
                .contains("pss-run-as-non-root at spec.containers[0].securityContext.runAsNonRoot: ");
    }

    @Test
    void namespaceLabelsRaiseAndLowerTheEnforceLevel() throws Exception {
        JsonNode strict = api.review("/validate", Reviews.create(pod("plain", "{}"), "strict"));
        assertThat(strict.path("allowed").asBoolean()).isFalse();
        assertThat(strict.path("status").path("message").asText())
                .startsWith("Pod \"plain\" violates vigil pss-restricted:latest: ");

        JsonNode relaxed = api.review("/validate", Reviews.create(privileged(), "relaxed"));
        assertThat(relaxed.path("allowed").asBoolean()).isTrue();
        assertThat(relaxed.path("warnings").isMissingNode()).isTrue();
    }

    @Test
    void invalidNamespaceLabelFallsBackToTheDefaultAndSaysSo() throws Exception {
        JsonNode response = api.review("/validate", Reviews.create(privileged(), "typo"));

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("warnings").get(0).asText())
                .isEqualTo("namespace label vigil.dev/enforce=pss-strict is not a profile; using pss-baseline");
    }

    @Test
    void suppressionAnnotationOfTheLinterAllowsTheObject() throws Exception {
        ObjectNode pod = privileged();
        ((ObjectNode) pod.path("metadata"))
                .putObject("annotations")
                .put("ignore.vigil.dev/pss-privileged", "device plugin needs it");
        JsonNode response = api.review("/validate", Reviews.create(pod, "team-a"));

        assertThat(response.path("allowed").asBoolean()).isTrue();
    }

    @Test
    void exemptNamespaceUserAndRuntimeClassAreNotChecked() throws Exception {
        JsonNode ns = api.review("/validate", Reviews.create(privileged(), "kube-system"));
        assertThat(ns.path("allowed").asBoolean()).isTrue();
        assertThat(ns.path("auditAnnotations").path("exempt").asText()).isEqualTo("namespace kube-system");

        ObjectNode byBot = Reviews.create(privileged(), "team-a");
        ((ObjectNode) byBot.path("request").path("userInfo")).put("username", "ops-bot");
        assertThat(api.review("/validate", byBot)
                        .path("auditAnnotations")
                        .path("exempt")
                        .asText())
                .isEqualTo("username ops-bot");

        ObjectNode kata = privileged();
        ((ObjectNode) kata.path("spec")).put("runtimeClassName", "kata");
        JsonNode rc = api.review("/validate", Reviews.create(Reviews.wrap(kata, Reviews.CONTROLLERS.get(0)), "team-a"));
        assertThat(rc.path("allowed").asBoolean()).isTrue();
        assertThat(rc.path("auditAnnotations").path("exempt").asText()).isEqualTo("runtimeClassName kata");
    }

    @Test
    void deleteAndStatusUpdatesAreAllowedWithoutChecking() throws Exception {
        JsonNode delete = api.review("/validate", Reviews.review(null, privileged(), "DELETE", "team-a", ""));
        assertThat(delete.path("allowed").asBoolean()).isTrue();

        JsonNode status =
                api.review("/validate", Reviews.review(privileged(), privileged(), "UPDATE", "team-a", "status"));
        assertThat(status.path("allowed").asBoolean()).isTrue();
        assertThat(status.path("warnings").isMissingNode()).isTrue();
    }

    @Test
    void metadataOnlyUpdateIsNotRejudgedButASpecChangeIs() throws Exception {
        ObjectNode old = privileged();
        ObjectNode relabelled = privileged();
        ((ObjectNode) relabelled.path("metadata")).putObject("labels").put("team", "a");
        JsonNode metadataOnly = api.review("/validate", Reviews.review(relabelled, old, "UPDATE", "team-a", ""));
        assertThat(metadataOnly.path("allowed").asBoolean()).isTrue();

        ObjectNode changed = privileged();
        ((ObjectNode) changed.path("spec").path("containers").get(0)).put("image", "registry.example/app:2.0");
        JsonNode specChange = api.review("/validate", Reviews.review(changed, old, "UPDATE", "team-a", ""));
        assertThat(specChange.path("allowed").asBoolean()).isFalse();
    }

    @Test
    void ephemeralContainerUpdateIsJudged() throws Exception {
        ObjectNode old = restrictedPod();
        ObjectNode debugged = restrictedPod();
        ((ObjectNode) debugged.path("spec"))
                .putArray("ephemeralContainers")
                .addObject()
                .put("name", "debugger")
                .put("image", "busybox")
                .putObject("securityContext")
                .put("privileged", true);
        JsonNode response =
                api.review("/validate", Reviews.review(debugged, old, "UPDATE", "team-a", "ephemeralcontainers"));

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText())
                .contains("pss-privileged at spec.ephemeralContainers[0].securityContext.privileged: container"
                        + " \"debugger\"");
    }

    @Test
    void dryRunGetsTheSameVerdictAndCountsNoViolations() throws Exception {
        String before = api.get("/metrics").body();
        ObjectNode review = Reviews.create(pod("dry", "{\"privileged\":true,\"runAsUser\":0}"), "team-dry");
        ((ObjectNode) review.path("request")).put("dryRun", true);
        JsonNode response = api.review("/validate", review);
        assertThat(response.path("allowed").asBoolean()).isFalse();
        String after = api.get("/metrics").body();
        assertThat(violations(after)).isEqualTo(violations(before));
    }

    private static String violations(String metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.lines()
                .filter(l -> l.startsWith("vigil_webhook_violations_total"))
                .forEach(sb::append);
        return sb.toString();
    }

    @Test
    void wrongContentTypeIs400WithAClearMessage() throws Exception {
        HttpResponse<String> r = api.post("/validate", "text/plain", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("Content-Type must be application/json, got 'text/plain'\n");
    }

    @Test
    void malformedJsonIs400NamingThePlace() throws Exception {
        HttpResponse<String> r =
                api.post("/validate", "application/json", "{\"apiVersion\": ".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("malformed JSON at line 1, column 16: ");
    }

    @Test
    void reviewWithoutUidIs400() throws Exception {
        ObjectNode review = Reviews.create(privileged(), "team-a");
        ((ObjectNode) review.path("request")).remove("uid");
        HttpResponse<String> r = api.post(
                "/validate", "application/json; charset=utf-8", ApiServerClient.JSON.writeValueAsBytes(review));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("malformed AdmissionReview: request.uid is missing\n");
    }

    @Test
    void notAnAdmissionReviewIs400() throws Exception {
        HttpResponse<String> r = api.post(
                "/validate",
                "application/json",
                "{\"kind\":\"Pod\",\"apiVersion\":\"v1\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .isEqualTo("expected an AdmissionReview of apiVersion admission.k8s.io/v1, got kind 'Pod' apiVersion"
                        + " 'v1'\n");
    }

    @Test
    void deeplyNestedJsonIs400() throws Exception {
        String deep = "[".repeat(500) + "]".repeat(500);
        HttpResponse<String> r = api.post("/validate", "application/json", deep.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("malformed JSON: nested deeper than 100 levels\n");
    }

    @Test
    void bodyOver7MiBIs413() throws Exception {
        byte[] big = new byte[7 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> r = api.post("/validate", "application/json", big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).isEqualTo("request body is larger than 7340032 bytes (7 MiB)\n");
    }

    @Test
    void wrongMethodAndUnknownPath() throws Exception {
        assertThat(api.get("/validate").statusCode()).isEqualTo(405);
        assertThat(api.get("/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void probesAndMetrics() throws Exception {
        assertThat(api.get("/healthz").body()).isEqualTo("ok\n");
        assertThat(api.get("/readyz").body()).isEqualTo("ready\n");
        api.review("/validate", Reviews.create(privileged(), "team-a"));
        String metrics = api.get("/metrics").body();
        assertThat(metrics)
                .contains("vigil_webhook_requests_seconds_count{decision=\"denied\",endpoint=\"validate\",kind=\"Pod\","
                        + "operation=\"CREATE\"}")
                .contains("vigil_webhook_violations_total{mode=\"enforce\",rule=\"pss-privileged\"}")
                .contains("vigil_webhook_inflight ")
                .contains("vigil_webhook_certificate_expiry_seconds ");
    }

    @Test
    void mutateIsOffUnlessTheNamespaceOptsIn() throws Exception {
        JsonNode response = api.review("/mutate", Reviews.create(pod("plain", "{}"), "team-a"));
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("patch")).isFalse();
    }
}
