package dev.vigil.webhook.http;

import dev.vigil.webhook.admission.AdmissionDecision;
import dev.vigil.webhook.admission.CheckedResources;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * The webhook's Prometheus metrics: {@code vigil_webhook_requests_seconds} (count and latency histogram by
 * endpoint, operation, kind and decision), {@code vigil_webhook_violations_total} (by rule and mode),
 * {@code vigil_webhook_inflight}, {@code vigil_webhook_shed_total}, {@code vigil_webhook_rejected_total} (bad
 * bodies by reason), {@code vigil_webhook_tls_reloads_total} and {@code vigil_webhook_certificate_expiry_seconds}.
 * Label values are bounded: unknown kinds are {@code other}.
 */
final class WebhookMetrics {
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1),
        Duration.ofMillis(2),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500)
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    WebhookMetrics() {
        Gauge.builder("vigil.webhook.inflight", inFlight, AtomicInteger::get)
                .description("Admission requests being decided or waiting for a worker")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    AtomicInteger inFlight() {
        return inFlight;
    }

    void certificateExpiry(DoubleSupplier seconds) {
        Gauge.builder("vigil.webhook.certificate.expiry", seconds::getAsDouble)
                .description("Seconds until the serving certificate expires")
                .baseUnit("seconds")
                .register(registry);
    }

    void record(String endpoint, AdmissionDecision decision, long nanos) {
        String kind = CheckedResources.KINDS.contains(decision.kind()) ? decision.kind() : "other";
        String operation = bounded(decision.operation());
        String decisionLabel = decision.outcome().label();
        String key = endpoint + '|' + operation + '|' + kind + '|' + decisionLabel;
        timers.computeIfAbsent(
                        key,
                        k -> Timer.builder("vigil.webhook.requests")
                                .description("Admission requests by endpoint, operation, kind and decision")
                                .tags(
                                        "endpoint",
                                        endpoint,
                                        "operation",
                                        operation,
                                        "kind",
                                        kind,
                                        "decision",
                                        decisionLabel)
                                .serviceLevelObjectives(BUCKETS)
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
        for (AdmissionDecision.Violation v : decision.violations()) {
            String mode = v.mode().name().toLowerCase(java.util.Locale.ROOT);
            counter(
                            "violations|" + v.ruleId() + '|' + mode,
                            () -> Counter.builder("vigil.webhook.violations")
                                    .description("Rule violations found, by rule and mode (dry runs excluded)")
                                    .tags("rule", v.ruleId(), "mode", mode)
                                    .register(registry))
                    .increment();
        }
        if (decision.outcome() == AdmissionDecision.Outcome.SHED) {
            counter(
                            "shed|" + endpoint,
                            () -> Counter.builder("vigil.webhook.shed")
                                    .description("Requests answered at once because the server was overloaded")
                                    .tags("endpoint", endpoint)
                                    .register(registry))
                    .increment();
        }
    }

    void rejected(String reason) {
        counter(
                        "rejected|" + reason,
                        () -> Counter.builder("vigil.webhook.rejected")
                                .description("Request bodies rejected before a decision, by reason")
                                .tags("reason", reason)
                                .register(registry))
                .increment();
    }

    void tlsReload(boolean success) {
        String result = success ? "success" : "failure";
        counter(
                        "tls|" + result,
                        () -> Counter.builder("vigil.webhook.tls.reloads")
                                .description("Serving certificate reloads, by result")
                                .tags("result", result)
                                .register(registry))
                .increment();
    }

    String scrape() {
        return registry.scrape();
    }

    private Counter counter(String key, java.util.function.Supplier<Counter> create) {
        return counters.computeIfAbsent(key, k -> create.get());
    }

    private static String bounded(String operation) {
        return switch (operation) {
            case "CREATE", "UPDATE", "DELETE", "CONNECT" -> operation;
            default -> "other";
        };
    }
}
