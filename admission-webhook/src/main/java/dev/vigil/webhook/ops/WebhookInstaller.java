package dev.vigil.webhook.ops;

import dev.vigil.webhook.admission.CheckedResources;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds and server-side-applies Vigil's webhook configurations: the validating one always, the mutating one when
 * asked. Safe by default: rules narrowed to the checked kinds, {@code sideEffects: None}, {@code timeoutSeconds:
 * 3}, {@code failurePolicy: Fail} for validation and {@code Ignore} for mutation, exempt namespaces excluded by
 * {@code kubernetes.io/metadata.name}, and requests from nodes ({@code system:nodes}) skipped by a match condition.
 */
public final class WebhookInstaller {
    public static final String NAME = "vigil-webhook";
    public static final String FIELD_MANAGER = "vigil";
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
    public static final String SKIP_NODES_EXPRESSION = "!('system:nodes' in request.userInfo.groups)";

    /**
     * What to install.
     *
     * @param namespace where the webhook's Service runs (always exempt)
     * @param service the Service name
     * @param caBundle PEM of the CA that signed the serving certificate; null to leave it for cert-manager's CA
     *     injector
     * @param exemptNamespaces namespaces the API server never sends
     * @param mutate also install the mutating configuration
     */
    public record Plan(
            String namespace, String service, byte[] caBundle, List<String> exemptNamespaces, boolean mutate) {
        /** Exempt namespaces plus the webhook's own, in order, without duplicates. */
        public List<String> excluded() {
            Set<String> out = new LinkedHashSet<>(exemptNamespaces);
            out.add(namespace);
            return List.copyOf(out);
        }
    }

    private final KubernetesClient client;

    public WebhookInstaller(KubernetesClient client) {
        this.client = client;
    }

    /** Server-side-applies the configurations (field manager {@value #FIELD_MANAGER}, forcing conflicts). */
    public void apply(Plan plan) {
        client.resource(validating(plan))
                .fieldManager(FIELD_MANAGER)
                .forceConflicts()
                .serverSideApply();
        if (plan.mutate()) {
            client.resource(mutating(plan))
                    .fieldManager(FIELD_MANAGER)
                    .forceConflicts()
                    .serverSideApply();
        }
    }

    public static ValidatingWebhookConfiguration validating(Plan plan) {
        return new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName(NAME)
                .withLabels(Map.of("app.kubernetes.io/name", NAME, "app.kubernetes.io/part-of", "vigil"))
                .endMetadata()
                .addNewWebhook()
                .withName("validate.vigil.dev")
                .withAdmissionReviewVersions("v1")
                .withClientConfig(clientConfig(plan, "/validate"))
                .withRules(rules(true))
                .withFailurePolicy("Fail")
                .withMatchPolicy("Equivalent")
                .withSideEffects("None")
                .withTimeoutSeconds(3)
                .withNamespaceSelector(namespaceSelector(plan, false))
                .withMatchConditions(skipNodes())
                .endWebhook()
                .build();
    }

    public static MutatingWebhookConfiguration mutating(Plan plan) {
        return new MutatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName(NAME)
                .withLabels(Map.of("app.kubernetes.io/name", NAME, "app.kubernetes.io/part-of", "vigil"))
                .endMetadata()
                .addNewWebhook()
                .withName("mutate.vigil.dev")
                .withAdmissionReviewVersions("v1")
                .withClientConfig(clientConfig(plan, "/mutate"))
                .withRules(rules(false))
                .withFailurePolicy("Ignore")
                .withMatchPolicy("Equivalent")
                .withSideEffects("None")
                .withTimeoutSeconds(3)
                .withReinvocationPolicy("Never")
                .withNamespaceSelector(namespaceSelector(plan, true))
                .withMatchConditions(skipNodes())
                .endWebhook()
                .build();
    }

    private static WebhookClientConfig clientConfig(Plan plan, String path) {
        WebhookClientConfigBuilder b = new WebhookClientConfigBuilder()
                .withNewService()
                .withNamespace(plan.namespace())
                .withName(plan.service())
                .withPath(path)
                .withPort(443)
                .endService();
        if (plan.caBundle() != null) {
            b.withCaBundle(Base64.getEncoder().encodeToString(plan.caBundle()));
        }
        return b.build();
    }

    /** One rule per API group over the checked resources; mutation skips the ephemeralcontainers subresource. */
    static List<RuleWithOperations> rules(boolean validating) {
        List<RuleWithOperations> out = new ArrayList<>();
        for (String group : CheckedResources.groups()) {
            List<String> resources = CheckedResources.resources(group).stream()
                    .filter(r -> validating || !r.contains("/"))
                    .toList();
            out.add(new RuleWithOperationsBuilder()
                    .withApiGroups(group)
                    .withApiVersions("*")
                    .withOperations("CREATE", "UPDATE")
                    .withResources(resources)
                    .withScope("Namespaced")
                    .build());
        }
        return out;
    }

    private static LabelSelector namespaceSelector(Plan plan, boolean mutating) {
        LabelSelectorBuilder b = new LabelSelectorBuilder()
                .addNewMatchExpression()
                .withKey(NAMESPACE_NAME_LABEL)
                .withOperator("NotIn")
                .withValues(plan.excluded())
                .endMatchExpression();
        if (mutating) {
            b.addNewMatchExpression()
                    .withKey("vigil.dev/mutate")
                    .withOperator("In")
                    .withValues("true")
                    .endMatchExpression();
        }
        return b.build();
    }

    private static MatchCondition skipNodes() {
        return new MatchCondition(SKIP_NODES_EXPRESSION, "skip-node-requests");
    }
}
