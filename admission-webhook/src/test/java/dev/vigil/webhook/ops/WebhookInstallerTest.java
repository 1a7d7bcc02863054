package dev.vigil.webhook.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.webhook.admission.AdmissionSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code install} against the fabric8 mock API server: what is sent, and how. */
@EnableKubernetesMockClient
class WebhookInstallerTest {
    KubernetesMockServer server;
    KubernetesClient client;

    static final byte[] CA =
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void serverSideAppliesTheValidatingAndMutatingConfigurations() throws Exception {
        String base = "/apis/admissionregistration.k8s.io/v1/";
        server.expect()
                .patch()
                .withPath(base + "validatingwebhookconfigurations/vigil-webhook?fieldManager=vigil&force=true")
                .andReturn(200, WebhookInstaller.validating(plan()))
                .once();
        server.expect()
                .patch()
                .withPath(base + "mutatingwebhookconfigurations/vigil-webhook?fieldManager=vigil&force=true")
                .andReturn(200, WebhookInstaller.mutating(plan()))
                .once();

        new WebhookInstaller(client).apply(plan());

        RecordedRequest validating = next();
        assertThat(validating.getMethod()).isEqualTo("PATCH");
        assertThat(validating.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
        JsonNode v = new ObjectMapper().readTree(validating.getBody().readUtf8());
        JsonNode hook = v.path("webhooks").get(0);
        assertThat(hook.path("failurePolicy").asText()).isEqualTo("Fail");
        assertThat(hook.path("sideEffects").asText()).isEqualTo("None");
        assertThat(hook.path("timeoutSeconds").asInt()).isEqualTo(3);
        assertThat(hook.path("admissionReviewVersions").toString()).isEqualTo("[\"v1\"]");
        assertThat(hook.path("clientConfig").path("service").path("path").asText())
                .isEqualTo("/validate");
        assertThat(hook.path("clientConfig").path("service").path("namespace").asText())
                .isEqualTo("vigil-system");
        assertThat(Base64.getDecoder()
                        .decode(hook.path("clientConfig").path("caBundle").asText()))
                .isEqualTo(CA);
        JsonNode expr = hook.path("namespaceSelector").path("matchExpressions").get(0);
        assertThat(expr.path("key").asText()).isEqualTo("kubernetes.io/metadata.name");
        assertThat(expr.path("operator").asText()).isEqualTo("NotIn");
        assertThat(expr.path("values").toString()).isEqualTo("[\"kube-system\",\"kube-node-lease\",\"vigil-system\"]");
        assertThat(hook.path("matchConditions").get(0).path("expression").asText())
                .isEqualTo("!('system:nodes' in request.userInfo.groups)");
        assertThat(hook.path("rules").toString())
                .contains("\"pods\",\"pods/ephemeralcontainers\"")
                .contains("\"deployments\",\"replicasets\",\"statefulsets\",\"daemonsets\"")
                .contains("\"jobs\",\"cronjobs\"")
                .contains("\"operations\":[\"CREATE\",\"UPDATE\"]");

        RecordedRequest mutating = next();
        JsonNode m = new ObjectMapper().readTree(mutating.getBody().readUtf8());
        JsonNode mhook = m.path("webhooks").get(0);
        assertThat(m.path("kind").asText()).isEqualTo("MutatingWebhookConfiguration");
        assertThat(mhook.path("failurePolicy").asText()).isEqualTo("Ignore");
        assertThat(mhook.path("clientConfig").path("service").path("path").asText())
                .isEqualTo("/mutate");
        assertThat(mhook.path("namespaceSelector")
                        .path("matchExpressions")
                        .get(1)
                        .toString())
                .isEqualTo("{\"key\":\"vigil.dev/mutate\",\"operator\":\"In\",\"values\":[\"true\"]}");
        assertThat(mhook.path("rules").toString()).doesNotContain("ephemeralcontainers");
    }

    private RecordedRequest next() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).as("a request reached the mock API server").isNotNull();
        return r;
    }

    private static WebhookInstaller.Plan plan() {
        return new WebhookInstaller.Plan(
                "vigil-system", "vigil-webhook", CA, AdmissionSettings.DEFAULT_EXEMPT_NAMESPACES, true);
    }
}
