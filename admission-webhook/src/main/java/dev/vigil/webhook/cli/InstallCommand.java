package dev.vigil.webhook.cli;

import dev.vigil.webhook.admission.AdmissionSettings;
import dev.vigil.webhook.ops.WebhookInstaller;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil webhook install}: server-side-applies the webhook configurations. */
@Command(
        name = "install",
        mixinStandardHelpOptions = true,
        description = "Server-side-apply the ValidatingWebhookConfiguration (and with --mutate the"
                + " MutatingWebhookConfiguration) named vigil-webhook, using the current kubeconfig context or the"
                + " in-cluster service account.")
final class InstallCommand implements Callable<Integer> {
    @Option(
            names = "--namespace",
            required = true,
            paramLabel = "NS",
            description = "Namespace of the webhook's Service (always excluded from the webhook).")
    String namespace;

    @Option(
            names = "--service",
            defaultValue = WebhookInstaller.NAME,
            paramLabel = "NAME",
            description = "Name of the webhook's Service (default: ${DEFAULT-VALUE}).")
    String service;

    @Option(
            names = "--ca-bundle",
            paramLabel = "FILE",
            description = "PEM CA that signed the serving certificate (e.g. ca.crt of 'cert'); omit when cert-manager's"
                    + " CA injector fills caBundle.")
    Path caBundle;

    @Option(
            names = "--exempt-namespace",
            paramLabel = "NS",
            split = ",",
            description = "Namespaces the API server never sends to the webhook (repeatable; default: kube-system,"
                    + " kube-node-lease; the webhook's own namespace is always added).")
    List<String> exemptNamespaces = new ArrayList<>();

    @Option(
            names = "--mutate",
            description = "Also install the mutating webhook (namespaces opt in with label"
                    + " vigil.dev/mutate=true; failurePolicy Ignore).")
    boolean mutate;

    @Option(names = "--dry-run", description = "Print the configurations as YAML instead of applying them.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        byte[] ca = null;
        if (caBundle != null) {
            try {
                ca = Files.readAllBytes(caBundle);
            } catch (NoSuchFileException e) {
                throw new WebhookCommand.UsageException(caBundle + ": no such file");
            }
            if (!new String(ca, java.nio.charset.StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
                throw new WebhookCommand.UsageException(caBundle + ": not a PEM certificate bundle");
            }
        }
        List<String> exempt =
                exemptNamespaces.isEmpty() ? AdmissionSettings.DEFAULT_EXEMPT_NAMESPACES : exemptNamespaces;
        WebhookInstaller.Plan plan = new WebhookInstaller.Plan(namespace, service, ca, exempt, mutate);
        if (dryRun) {
            KubernetesSerialization yaml = new KubernetesSerialization();
            System.out.print(yaml.asYaml(WebhookInstaller.validating(plan)));
            if (mutate) {
                System.out.print(yaml.asYaml(WebhookInstaller.mutating(plan)));
            }
            return ExitCode.OK.code();
        }
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            new WebhookInstaller(client).apply(plan);
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("the API server refused the webhook configuration: " + e.getMessage(), e);
        }
        System.out.println("applied ValidatingWebhookConfiguration/" + WebhookInstaller.NAME
                + (mutate ? " and MutatingWebhookConfiguration/" + WebhookInstaller.NAME : "") + " (service "
                + namespace + "/" + service + ", excluded namespaces " + plan.excluded() + ")");
        return ExitCode.OK.code();
    }
}
