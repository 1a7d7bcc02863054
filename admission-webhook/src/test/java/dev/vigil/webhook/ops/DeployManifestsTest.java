package dev.vigil.webhook.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.policy.Finding;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.Report;
import dev.vigil.policy.Resource;
import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import dev.vigil.testsupport.Requirements;
import dev.vigil.webhook.admission.AdmissionSettings;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl kustomize deploy/base} lints clean under the {@code recommended} profile (the engine the linter
 * runs), its webhook configurations are exactly what {@code install} applies, and the cert-manager overlay builds.
 */
class DeployManifestsTest {
    static final Path DEPLOY = Path.of(System.getProperty("vigil.deploy.dir", "../deploy"));

    @Test
    void baseLintsCleanUnderTheRecommendedProfile() throws Exception {
        List<Resource> resources = kustomize(DEPLOY.resolve("base"));
        assertThat(resources).extracting(Resource::kind).contains("Deployment", "PodDisruptionBudget", "Service");
        Report report = PolicyEngine.create(
                        PolicyConfig.builder().profile("recommended").build())
                .evaluate(resources);
        List<String> open = report.findings().stream()
                .filter(f -> !f.suppressed())
                .map(DeployManifestsTest::describe)
                .toList();
        assertThat(open).as("unsuppressed findings in deploy/base").isEmpty();
    }

    @Test
    void baseRunsTheImageTheBuildProducesWithoutAPlaceholderDigest() throws Exception {
        List<Resource> resources = kustomize(DEPLOY.resolve("base"));
        String image = only(resources, "Deployment")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0)
                .path("image")
                .asText();
        // ./vigil image tags localhost/vigil-admission-webhook:<project version>; a release pins a real digest
        assertThat(image).isEqualTo("localhost/vigil-admission-webhook:" + System.getProperty("vigil.version"));
        assertThat(image).doesNotMatch(".*@sha256:0{64}.*");
    }

    @Test
    void baseWebhookConfigurationsAreWhatInstallApplies() throws Exception {
        List<Resource> resources = kustomize(DEPLOY.resolve("base"));
        WebhookInstaller.Plan plan = new WebhookInstaller.Plan(
                "vigil-system", WebhookInstaller.NAME, null, AdmissionSettings.DEFAULT_EXEMPT_NAMESPACES, true);
        ObjectMapper json = new ObjectMapper();
        KubernetesSerialization fabric8 = new KubernetesSerialization();
        JsonNode validating = json.readTree(fabric8.asJson(WebhookInstaller.validating(plan)));
        JsonNode mutating = json.readTree(fabric8.asJson(WebhookInstaller.mutating(plan)));
        // re-parsed, so number node types from the YAML loader and from fabric8 compare by value
        assertThat(json.readTree(
                        only(resources, "ValidatingWebhookConfiguration").toString()))
                .isEqualTo(validating);
        assertThat(json.readTree(only(resources, "MutatingWebhookConfiguration").toString()))
                .isEqualTo(mutating);
    }

    @Test
    void certManagerOverlayInjectsTheCaIntoBothConfigurations() throws Exception {
        List<Resource> resources = kustomize(DEPLOY.resolve("overlays/cert-manager"));
        assertThat(resources).extracting(Resource::kind).contains("Certificate", "Issuer");
        for (String kind : List.of("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration")) {
            assertThat(only(resources, kind)
                            .path("metadata")
                            .path("annotations")
                            .path("cert-manager.io/inject-ca-from")
                            .asText())
                    .isEqualTo("vigil-system/vigil-webhook-tls");
        }
    }

    @Test
    void kustomizeOutputPipedIntoTheLinterCliIsClean() throws Exception {
        Requirements.tool("kubectl", "kubectl kustomize renders deploy/base");
        Path cli = Requirements.path(
                "policy-linter.jar",
                DEPLOY.resolveSibling("policy-linter/cli/target/policy-linter.jar"),
                "the linter CLI built by the reactor (policy-linter/cli)");
        Process p = new ProcessBuilder(
                        "bash",
                        "-c",
                        "set -o pipefail; kubectl kustomize \"$0\" | java -jar \"$1\" -",
                        DEPLOY.resolve("base").toString(),
                        cli.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor())
                .as("kubectl kustomize deploy/base | vigil lint -: %s", output)
                .isZero();
        assertThat(output).contains("0 errors, 0 warnings, 0 infos");
    }

    private static JsonNode only(List<Resource> resources, String kind) {
        List<Resource> found =
                resources.stream().filter(r -> r.kind().equals(kind)).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0).json();
    }

    private static String describe(Finding f) {
        return f.resource().displayName() + ": " + f.ruleId() + " at " + f.path() + ": " + f.message();
    }

    private static List<Resource> kustomize(Path dir) throws Exception {
        Requirements.tool("kubectl", "kubectl kustomize renders the overlays");
        assertThat(dir).isDirectory();
        LoadResult result = new ManifestLoader().load(List.of(dir.toString()));
        assertThat(result.problems()).as("problems building " + dir).isEmpty();
        return result.resources();
    }
}
