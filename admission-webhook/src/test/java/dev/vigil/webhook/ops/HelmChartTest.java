package dev.vigil.webhook.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.vigil.policy.Finding;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.Report;
import dev.vigil.policy.Resource;
import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import dev.vigil.webhook.admission.AdmissionSettings;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code charts/vigil-admission-webhook} rendered in-process with Helm's own library (helm-java), its output linted by
 * Vigil's engine with zero findings at {@code pss-restricted} and {@code recommended}, and the settings the issue
 * asks for checked in the rendered objects.
 */
class HelmChartTest {
    static final Path CHART = Path.of(System.getProperty("vigil.charts.dir", "../charts"))
            .resolve("vigil-admission-webhook")
            .toAbsolutePath()
            .normalize();
    static final String VERSION = System.getProperty("vigil.version", "0.1.0-SNAPSHOT");
    static final String CA_BUNDLE = Base64.getEncoder().encodeToString("-----BEGIN CERTIFICATE-----\n".getBytes());

    static List<Resource> render(String namespace, Map<String, Object> values) {
        TemplateCommand t = new Helm(CHART).template().withName("vigil").withNamespace(namespace);
        values.forEach(t::set);
        LoadResult loaded = new ManifestLoader().loadText(t.call(), "helm template " + CHART.getFileName());
        assertThat(loaded.problems()).as("problems loading the rendered chart").isEmpty();
        return loaded.resources();
    }

    static Map<String, Object> existingSecret() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("tls.certManager.enabled", false);
        v.put("tls.existingSecret", "webhook-tls");
        v.put("tls.caBundle", CA_BUNDLE);
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pss-restricted", "recommended"})
    void defaultRenderHasNoFindings(String profile) {
        assertThat(findings(render("vigil-system", Map.of()), profile)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pss-restricted", "recommended"})
    void renderWithAGivenSecretHasNoFindings(String profile) {
        assertThat(findings(render("policy", existingSecret()), profile)).isEmpty();
    }

    @Test
    void pinnedDigestRendersCleanWithoutTheDigestSuppression() {
        String digest = "sha256:" + "ab".repeat(32);
        List<Resource> resources = render("vigil-system", Map.of("image.digest", digest));
        JsonNode deployment = only(resources, "Deployment");
        assertThat(container(deployment).path("image").asText())
                .isEqualTo("localhost/vigil-admission-webhook:" + VERSION + "@" + digest);
        assertThat(deployment.path("metadata").path("annotations").isMissingNode())
                .isTrue();
        assertThat(findings(resources, "recommended")).isEmpty();
    }

    @Test
    void deploymentHasReplicasProbesResourcesAndARestrictedSecurityContext() {
        JsonNode d = only(render("vigil-system", Map.of()), "Deployment");
        JsonNode spec = d.path("spec");
        assertThat(spec.path("replicas").asInt()).isEqualTo(3);
        JsonNode pod = spec.path("template").path("spec");
        assertThat(pod.path("topologySpreadConstraints"))
                .extracting(c -> c.path("topologyKey").asText())
                .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(65532);
        assertThat(pod.path("securityContext")
                        .path("seccompProfile")
                        .path("type")
                        .asText())
                .isEqualTo("RuntimeDefault");
        JsonNode c = container(d);
        // the image ./vigil image builds, tagged with the project version
        assertThat(c.path("image").asText()).isEqualTo("localhost/vigil-admission-webhook:" + VERSION);
        assertThat(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean())
                .isTrue();
        assertThat(c.path("securityContext").path("allowPrivilegeEscalation").asBoolean())
                .isFalse();
        assertThat(c.path("securityContext").path("capabilities").path("drop").toString())
                .isEqualTo("[\"ALL\"]");
        assertThat(c.path("resources").path("requests").path("cpu").asText()).isEqualTo("250m");
        assertThat(c.path("resources").path("limits").path("memory").asText()).isEqualTo("512Mi");
        assertThat(c.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/readyz");
        assertThat(c.path("livenessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/healthz");
        assertThat(c.path("args").toString())
                .contains("--shutdown-delay=5s", "--drain-timeout=20s", "--namespace=$(POD_NAMESPACE)");
        JsonNode pdb = only(render("vigil-system", Map.of()), "PodDisruptionBudget");
        assertThat(pdb.path("spec").path("minAvailable").asInt()).isEqualTo(2);
    }

    @Test
    void webhooksExcludeKubeSystemAndTheReleaseNamespaceWithTheConfiguredPolicy() {
        Map<String, Object> values = new LinkedHashMap<>(existingSecret());
        values.put("webhook.timeoutSeconds", 5);
        values.put("webhook.failurePolicy", "Ignore");
        List<Resource> resources = render("policy", values);
        for (String kind : List.of("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration")) {
            JsonNode hook = only(resources, kind).path("webhooks").get(0);
            JsonNode first =
                    hook.path("namespaceSelector").path("matchExpressions").get(0);
            assertThat(first.path("key").asText()).isEqualTo("kubernetes.io/metadata.name");
            assertThat(first.path("operator").asText()).isEqualTo("NotIn");
            assertThat(first.path("values").toString()).isEqualTo("[\"kube-system\",\"kube-node-lease\",\"policy\"]");
            assertThat(hook.path("timeoutSeconds").asInt()).isEqualTo(5);
            assertThat(hook.path("clientConfig").path("caBundle").asText()).isEqualTo(CA_BUNDLE);
            assertThat(hook.path("clientConfig")
                            .path("service")
                            .path("namespace")
                            .asText())
                    .isEqualTo("policy");
        }
        JsonNode validating = only(resources, "ValidatingWebhookConfiguration")
                .path("webhooks")
                .get(0);
        assertThat(validating.path("failurePolicy").asText()).isEqualTo("Ignore");
        assertThat(resources).extracting(Resource::kind).doesNotContain("Certificate", "Issuer");
        assertThat(container(only(resources, "Deployment")).path("args").toString())
                .contains("--exempt-namespace=kube-system,kube-node-lease,policy");
        JsonNode volumes = only(resources, "Deployment")
                .path("spec")
                .path("template")
                .path("spec")
                .path("volumes");
        assertThat(volumes.get(0).path("secret").path("secretName").asText()).isEqualTo("webhook-tls");
    }

    @Test
    void webhookRulesAreWhatInstallApplies() throws Exception {
        // the same resources, operations and scopes as `vigil webhook install` (and deploy/base)
        WebhookInstaller.Plan plan = new WebhookInstaller.Plan(
                "vigil-system", WebhookInstaller.NAME, null, AdmissionSettings.DEFAULT_EXEMPT_NAMESPACES, true);
        ObjectMapper json = new ObjectMapper();
        KubernetesSerialization fabric8 = new KubernetesSerialization();
        JsonNode validating = json.readTree(fabric8.asJson(WebhookInstaller.validating(plan)));
        JsonNode mutating = json.readTree(fabric8.asJson(WebhookInstaller.mutating(plan)));
        List<Resource> resources = render("vigil-system", Map.of());
        assertThat(rules(only(resources, "ValidatingWebhookConfiguration"), json))
                .isEqualTo(rules(validating, json));
        assertThat(rules(only(resources, "MutatingWebhookConfiguration"), json)).isEqualTo(rules(mutating, json));
        JsonNode hook = only(resources, "ValidatingWebhookConfiguration")
                .path("webhooks")
                .get(0);
        assertThat(hook.path("failurePolicy").asText()).isEqualTo("Fail");
        assertThat(hook.path("timeoutSeconds").asInt()).isEqualTo(3);
        assertThat(hook.path("matchConditions"))
                .isEqualTo(validating.path("webhooks").get(0).path("matchConditions"));
    }

    @Test
    void certManagerIssuesTheServingCertificateAndInjectsItsCa() {
        List<Resource> resources = render("vigil-system", Map.of());
        JsonNode tls = resources.stream()
                .filter(r -> r.kind().equals("Certificate")
                        && r.json().path("spec").path("isCA").isMissingNode())
                .findFirst()
                .orElseThrow()
                .json();
        assertThat(tls.path("spec").path("dnsNames").toString()).contains("vigil-admission-webhook.vigil-system.svc");
        assertThat(tls.path("spec").path("secretName").asText()).isEqualTo("vigil-admission-webhook-tls");
        assertThat(only(resources, "ValidatingWebhookConfiguration")
                        .path("metadata")
                        .path("annotations")
                        .path("cert-manager.io/inject-ca-from")
                        .asText())
                .isEqualTo("vigil-system/vigil-admission-webhook-tls");
    }

    @Test
    void badValuesFailWithAMessageNamingTheValue() {
        assertThatThrownBy(() -> render("vigil-system", Map.of("image.digest", "sha256:" + "0".repeat(64))))
                .hasMessageContaining("image.digest is all zeros");
        assertThatThrownBy(() -> render("vigil-system", Map.of("image.digest", "latest")))
                .hasMessageContaining("digest");
        assertThatThrownBy(() -> render("vigil-system", Map.of("replicaCount", 2)))
                .hasMessageContaining("podDisruptionBudget.minAvailable (2) must be below replicaCount (2)");
        assertThatThrownBy(() -> render("vigil-system", Map.of("webhook.failurePolicy", "Sometimes")))
                .hasMessageContaining("failurePolicy");
        assertThatThrownBy(() -> render("vigil-system", Map.of("tls.certManager.enabled", false)))
                .hasMessageContaining("tls.existingSecret is required");
        assertThatThrownBy(() ->
                        render("vigil-system", Map.of("tls.certManager.enabled", false, "tls.existingSecret", "x")))
                .hasMessageContaining("tls.caBundle");
    }

    @Test
    void chartAppVersionIsTheProjectVersionAndHelmLintPasses() throws Exception {
        assertThat(Files.readString(CHART.resolve("Chart.yaml"))).contains("appVersion: \"" + VERSION + "\"");
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    }

    private static List<String> findings(List<Resource> resources, String profile) {
        Report report = PolicyEngine.create(
                        PolicyConfig.builder().profile(profile).build())
                .evaluate(resources);
        List<String> open = new ArrayList<>();
        for (Finding f : report.findings()) {
            if (!f.suppressed()) {
                open.add(f.resource().displayName() + ": " + f.ruleId() + " at " + f.path() + ": " + f.message());
            }
        }
        return open;
    }

    private static JsonNode rules(JsonNode configuration, ObjectMapper json) throws Exception {
        return json.readTree(configuration.path("webhooks").get(0).path("rules").toString());
    }

    private static JsonNode container(JsonNode deployment) {
        return deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
    }

    private static JsonNode only(List<Resource> resources, String kind) {
        List<JsonNode> found = resources.stream()
                .filter(r -> r.kind().equals(kind))
                .<JsonNode>map(Resource::json)
                .toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }
}
