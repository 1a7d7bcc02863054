package dev.vigil.metrics;

import dev.vigil.metrics.internal.Outcome;
import dev.vigil.metrics.internal.TraceparentExemplars;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Records server-side HTTP requests as {@code http.server.requests} (Prometheus: {@code http_server_requests_seconds})
 * with the Spring Boot tags {@code method}, {@code uri}, {@code status}, {@code outcome} and {@code exception}.
 *
 * <p>The {@code uri} must be a route template, never a raw path; beyond {@code maxRoutes} distinct values new ones
 * are recorded as {@code uri="__other__"} and counted in {@code metrics_agent_dropped_series_total}. Thread-safe;
 * never throws.
 */
public final class HttpServerMetrics {
    /** The {@code uri} value that absorbs routes beyond the cap. */
    public static final String OVERFLOW_URI = "__other__";

    static final String NAME = "http.server.requests";
    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;
    private final int maxRoutes;
    private final boolean histogram;
    private final Set<String> routes = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final Counter dropped;

    HttpServerMetrics(MeterRegistry registry, int maxRoutes, boolean histogram, Counter dropped) {
        this.registry = registry;
        this.maxRoutes = maxRoutes;
        this.histogram = histogram;
        this.dropped = dropped;
    }

    /**
     * Records one request.
     *
     * @param method the HTTP method; unknown methods become {@code UNKNOWN}
     * @param uri the route template, e.g. {@code /items/{id}}
     * @param status the response status
     * @param exception the exception that escaped the handler, or null
     * @param nanos the duration in nanoseconds
     */
    public void record(String method, String uri, int status, Throwable exception, long nanos) {
        record(method, uri, status, exception, nanos, null);
    }

    /**
     * Records one request; with a W3C {@code traceparent} of a sampled trace, the OpenMetrics output may carry it as
     * an exemplar on the matching histogram bucket.
     *
     * @param traceparent the request's {@code traceparent} header, or null
     */
    public void record(String method, String uri, int status, Throwable exception, long nanos, String traceparent) {
        try {
            String m = method != null && METHODS.contains(method) ? method : "UNKNOWN";
            String u = capRoute(uri == null || uri.isEmpty() ? "UNKNOWN" : uri);
            int s = exception != null && status < 400 ? 500 : status;
            String e = exception == null ? "none" : simpleName(exception);
            String key = m + ' ' + s + ' ' + e + ' ' + u;
            Timer timer = timers.get(key);
            if (timer == null) {
                timer = timers.computeIfAbsent(key, k -> newTimer(m, u, s, e));
            }
            Timer t = timer;
            TraceparentExemplars.with(
                    TraceparentExemplars.parse(traceparent), () -> t.record(nanos, TimeUnit.NANOSECONDS));
        } catch (RuntimeException ignored) {
            // metrics must never break a request
        }
    }

    private String capRoute(String uri) {
        if (routes.contains(uri)) {
            return uri;
        }
        if (routes.size() >= maxRoutes) {
            dropped.increment();
            return OVERFLOW_URI;
        }
        routes.add(uri);
        return uri;
    }

    private Timer newTimer(String method, String uri, int status, String exception) {
        Timer.Builder b = Timer.builder(NAME)
                .description("Duration of HTTP server requests")
                .tag("method", method)
                .tag("uri", uri)
                .tag("status", Integer.toString(status))
                .tag("outcome", Outcome.of(status))
                .tag("exception", exception);
        if (histogram) {
            b.serviceLevelObjectives(BUCKETS);
        }
        return b.register(registry);
    }

    private static String simpleName(Throwable t) {
        String n = t.getClass().getSimpleName();
        return n.isEmpty() ? t.getClass().getName() : n;
    }
}
