package dev.vigil.webhook.cli;

import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.Severity;
import dev.vigil.policy.config.ConfigException;
import dev.vigil.policy.config.ConfigFile;
import dev.vigil.policy.config.ConfigProblem;
import dev.vigil.webhook.admission.AdmissionReviewer;
import dev.vigil.webhook.admission.AdmissionSettings;
import dev.vigil.webhook.admission.InformerNamespaceLabels;
import dev.vigil.webhook.admission.Level;
import dev.vigil.webhook.admission.ModeLevels;
import dev.vigil.webhook.admission.NamespaceLabels;
import dev.vigil.webhook.http.ServerOptions;
import dev.vigil.webhook.http.WebhookServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil webhook serve}: the HTTPS admission server. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Serve POST /validate and /mutate (AdmissionReview v1), GET /healthz, /readyz and /metrics over"
                + " HTTPS. Stops gracefully on SIGTERM: readiness fails first, then in-flight requests drain.")
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "8443", description = "HTTPS port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--address", defaultValue = "0.0.0.0", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String address;

    @Option(
            names = "--tls-cert",
            required = true,
            paramLabel = "FILE",
            description = "PEM serving certificate" + " (chain), reloaded when it changes.")
    Path tlsCert;

    @Option(
            names = "--tls-key",
            required = true,
            paramLabel = "FILE",
            description = "PEM private key (PKCS#8, EC or"
                    + " RSA), reloaded when it changes; the last good pair keeps serving if a new one cannot be read.")
    Path tlsKey;

    @Option(
            names = "--tls-reload-interval",
            defaultValue = "10s",
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "How often the certificate files are checked (default:" + " ${DEFAULT-VALUE}).")
    Duration reloadInterval;

    @Option(
            names = "--client-ca",
            paramLabel = "FILE",
            description = "PEM CA bundle: /validate and /mutate then"
                    + " require a client certificate it signed (the API server's); probes and /metrics do not."
                    + " Reloaded when the file changes.")
    Path clientCa;

    @Option(
            names = "--tls-min-version",
            defaultValue = "1.3",
            paramLabel = "1.3|1.2",
            description = "Lowest TLS" + " version; 1.2 allows only ECDHE AEAD suites (default: ${DEFAULT-VALUE}).")
    String tlsMinVersion;

    @Option(names = "--http2", description = "Offer HTTP/2 (ALPN) besides HTTP/1.1.")
    boolean http2;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The linter's .vigil.yaml (rules, severities,"
                    + " exemptions, custom rules) plus a 'webhook:' section; flags override it.")
    Path config;

    @Option(
            names = "--no-kube",
            description = "No API server: namespace labels are not looked up, the defaults" + " apply everywhere.")
    boolean noKube;

    @Option(
            names = "--namespace",
            paramLabel = "NS",
            description =
                    "The webhook's own namespace, always exempt" + " (default: $POD_NAMESPACE, else vigil-system).")
    String namespace;

    @Option(
            names = "--enforce",
            paramLabel = "PROFILE",
            description =
                    "Default enforce profile; violations deny" + " (default: pss-baseline; 'none' turns the mode off).")
    String enforce;

    @Option(
            names = "--enforce-version",
            paramLabel = "VERSION",
            description = "Default PSS version of enforce" + " (default: latest).")
    String enforceVersion;

    @Option(
            names = "--warn",
            paramLabel = "PROFILE",
            description = "Default warn profile; violations become" + " warnings (default: recommended).")
    String warn;

    @Option(
            names = "--warn-version",
            paramLabel = "VERSION",
            description = "Default PSS version of warn (default:" + " latest).")
    String warnVersion;

    @Option(
            names = "--audit",
            paramLabel = "PROFILE",
            description = "Default audit profile; violations become audit" + " annotations (default: recommended).")
    String audit;

    @Option(
            names = "--audit-version",
            paramLabel = "VERSION",
            description = "Default PSS version of audit" + " (default: latest).")
    String auditVersion;

    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            description = "Enforce denies on findings at or above"
                    + " this severity: error, warning or info (default: error, as vigil lint).")
    String failOn;

    @Option(
            names = "--exempt-namespace",
            split = ",",
            paramLabel = "NS",
            description = "Namespaces never checked"
                    + " (repeatable; default: kube-system, kube-node-lease; the own namespace is always added).")
    List<String> exemptNamespaces;

    @Option(
            names = "--exempt-username",
            split = ",",
            paramLabel = "USER",
            description = "Users whose requests are" + " never checked (repeatable).")
    List<String> exemptUsernames;

    @Option(
            names = "--exempt-runtime-class",
            split = ",",
            paramLabel = "NAME",
            description = "Runtime classes whose" + " pods are never checked (repeatable).")
    List<String> exemptRuntimeClasses;

    @Option(
            names = "--mutate-by-default",
            description = "Mutate in namespaces without a vigil.dev/mutate label"
                    + " (default: only namespaces labelled vigil.dev/mutate=true).")
    Boolean mutateByDefault;

    @Option(
            names = "--workers",
            paramLabel = "N",
            description = "Threads deciding requests (default: the number of" + " CPUs).")
    Integer workers;

    @Option(
            names = "--queue",
            defaultValue = "256",
            paramLabel = "N",
            description =
                    "Requests that may wait for a" + " worker; more are shed at once (default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(
            names = "--max-queue-wait",
            defaultValue = "1s",
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "A request that waited longer for a worker is shed; capped at half"
                    + " the API server's ?timeout= (default: ${DEFAULT-VALUE}).")
    Duration maxQueueWait;

    @Option(
            names = "--shutdown-delay",
            defaultValue = "5s",
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "After SIGTERM, readiness fails for this long before the listener"
                    + " closes (default: ${DEFAULT-VALUE}).")
    Duration shutdownDelay;

    @Option(
            names = "--drain-timeout",
            defaultValue = "20s",
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description =
                    "How long in-flight requests may take to finish on shutdown" + " (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Override
    public Integer call() throws Exception {
        AdmissionSettings settings = settings();
        ServerOptions options = options();
        KubernetesClient client = null;
        NamespaceLabels labels = NamespaceLabels.NONE;
        if (!noKube) {
            client = new KubernetesClientBuilder().build();
            labels = InformerNamespaceLabels.start(client);
        }
        WebhookServer server = new WebhookServer(options, new AdmissionReviewer(settings, labels));
        server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        KubernetesClient kube = client;
        NamespaceLabels informer = labels;
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                server.close();
                                if (informer instanceof InformerNamespaceLabels i) {
                                    i.close();
                                }
                                if (kube != null) {
                                    kube.close();
                                }
                            } catch (Exception e) {
                                System.err.println("vigil webhook: shutdown: " + e);
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "vigil-webhook-shutdown"));
        stopped.await();
        return ExitCode.OK.code();
    }

    ServerOptions options() {
        if (!tlsMinVersion.equals("1.3") && !tlsMinVersion.equals("1.2")) {
            throw new WebhookCommand.UsageException(
                    "--tls-min-version must be 1.3 or 1.2, got '" + tlsMinVersion + "'");
        }
        if (port < 0 || port > 65535) {
            throw new WebhookCommand.UsageException("--port must be between 0 and 65535, got " + port);
        }
        int w = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
        if (w < 1 || queue < 1) {
            throw new WebhookCommand.UsageException("--workers and --queue must be at least 1");
        }
        return ServerOptions.builder(tlsCert, tlsKey)
                .host(address)
                .port(port)
                .clientCa(clientCa)
                .tls12(tlsMinVersion.equals("1.2"))
                .http2(http2)
                .reloadInterval(reloadInterval)
                .workers(w)
                .queue(queue)
                .maxQueueWait(maxQueueWait)
                .shutdownDelay(shutdownDelay)
                .drainTimeout(drainTimeout)
                .build();
    }

    AdmissionSettings settings() {
        PolicyConfig.Builder policy = PolicyConfig.builder();
        WebhookConfigSection section = new WebhookConfigSection();
        if (config != null) {
            try {
                ConfigFile.Loaded loaded = ConfigFile.load(config, Set.of(WebhookConfigSection.KEY));
                policy = loaded.builder();
                section = WebhookConfigSection.read(loaded, config.toString());
            } catch (ConfigException e) {
                throw new WebhookCommand.UsageException(e.problems().stream()
                        .map(ConfigProblem::toString)
                        .collect(Collectors.joining(System.lineSeparator())));
            }
        }
        ModeLevels levels;
        try {
            levels = new ModeLevels(
                    level(enforce, enforceVersion, section, "enforce", "pss-baseline"),
                    level(warn, warnVersion, section, "warn", "recommended"),
                    level(audit, auditVersion, section, "audit", "recommended"));
        } catch (IllegalArgumentException e) {
            throw new WebhookCommand.UsageException(e.getMessage());
        }
        Severity threshold = Severity.ERROR;
        if (failOn != null) {
            try {
                threshold = Severity.valueOf(failOn.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new WebhookCommand.UsageException(
                        "--fail-on must be error, warning or info, got '" + failOn + "'");
            }
        } else if (section.values.get("failOn") instanceof Severity s) {
            threshold = s;
        }
        Set<String> namespaces = new LinkedHashSet<>(
                pick(exemptNamespaces, section.list("exemptNamespaces"), AdmissionSettings.DEFAULT_EXEMPT_NAMESPACES));
        namespaces.add(ownNamespace());
        boolean mutate =
                mutateByDefault != null ? mutateByDefault : Boolean.TRUE.equals(section.values.get("mutateByDefault"));
        PolicyConfig built;
        try {
            built = policy.build();
        } catch (IllegalArgumentException e) {
            throw new WebhookCommand.UsageException(config + ": " + e.getMessage());
        }
        return AdmissionSettings.standard()
                .withDefaults(levels)
                .withFailOn(threshold)
                .withExemptions(
                        namespaces,
                        new LinkedHashSet<>(pick(exemptUsernames, section.list("exemptUsernames"), List.of())),
                        new LinkedHashSet<>(
                                pick(exemptRuntimeClasses, section.list("exemptRuntimeClasses"), List.of())))
                .withMutateByDefault(mutate)
                .withPolicy(built);
    }

    String ownNamespace() {
        if (namespace != null && !namespace.isBlank()) {
            return namespace;
        }
        String env = System.getenv("POD_NAMESPACE");
        return env == null || env.isBlank() ? "vigil-system" : env;
    }

    private static Level level(String flag, String versionFlag, WebhookConfigSection s, String mode, String dflt) {
        String profile = flag != null ? flag : s.string(mode) != null ? s.string(mode) : dflt;
        String version = versionFlag != null
                ? versionFlag
                : s.string(mode + "Version") != null ? s.string(mode + "Version") : "latest";
        try {
            return Level.of(profile, version);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + mode + ": " + e.getMessage());
        }
    }

    private static List<String> pick(List<String> flag, List<String> config, List<String> dflt) {
        if (flag != null && !flag.isEmpty()) {
            return new ArrayList<>(flag);
        }
        return config != null ? config : dflt;
    }
}
