package dev.vigil.metrics;

import dev.vigil.metrics.internal.Outcome;
import dev.vigil.metrics.internal.TraceparentExemplars;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopTimer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

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
    /** Known methods to their constant strings: the timer table compares methods by identity. */
    private static final Map<String, String> METHOD_CONSTANTS = constants();

    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;
    private final int maxRoutes;
    private final boolean histogram;
    /** Per route, its timers; a route's presence here is what counts against {@code maxRoutes}. */
    private final ConcurrentMap<String, RouteTimers> routes = new ConcurrentHashMap<>();

    private final Counter dropped;
    private volatile RouteTimers overflow;
    private volatile BooleanSupplier errorTagWanted = () -> false;
    private volatile Predicate<String> standingDown = name -> false;
    /** Decided once, when the first timer is created: Prometheus wants one set of label names per metric. */
    private volatile Boolean errorTag;

    HttpServerMetrics(MeterRegistry registry, int maxRoutes, boolean histogram, Counter dropped) {
        this.registry = registry;
        this.maxRoutes = maxRoutes;
        this.histogram = histogram;
        this.dropped = dropped;
    }

    /** Names the agent no longer records itself: checked before a timer is created. */
    void standingDown(Predicate<String> names) {
        this.standingDown = names;
    }

    /**
     * Asks, when the first timer is created, whether timers should also carry Spring Boot's {@code error} tag (the same
     * value as {@code exception}): the agent asks for it when the application has a Micrometer registry of its own, so
     * the agent's series have the tag set of the application's.
     */
    public void errorTagWhen(BooleanSupplier wanted) {
        this.errorTagWanted = wanted;
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
     * <p>The hot path (a known route, method and status) is two hash lookups and a short scan, with no string built
     * and nothing allocated: timers are resolved per route, then by method, status and exception.
     *
     * @param traceparent the request's {@code traceparent} header, or null
     */
    public void record(String method, String uri, int status, Throwable exception, long nanos, String traceparent) {
        try {
            String m = method == null ? "UNKNOWN" : METHOD_CONSTANTS.getOrDefault(method, "UNKNOWN");
            int s = exception != null && status < 400 ? 500 : status;
            String e = exception == null ? "none" : simpleName(exception);
            Timer t = route(uri == null || uri.isEmpty() ? "UNKNOWN" : uri).timer(m, s, e);
            TraceparentExemplars.Context context = traceparent == null ? null : TraceparentExemplars.parse(traceparent);
            if (context == null) {
                t.record(nanos, TimeUnit.NANOSECONDS);
                return;
            }
            TraceparentExemplars.set(context);
            try {
                t.record(nanos, TimeUnit.NANOSECONDS);
            } finally {
                TraceparentExemplars.clear();
            }
        } catch (RuntimeException ignored) {
            // metrics must never break a request
        }
    }

    private RouteTimers route(String uri) {
        RouteTimers r = routes.get(uri);
        if (r != null) {
            return r;
        }
        if (routes.size() >= maxRoutes) {
            dropped.increment();
            RouteTimers o = overflow;
            if (o == null) {
                synchronized (this) {
                    o = overflow;
                    if (o == null) {
                        o = new RouteTimers(OVERFLOW_URI);
                        overflow = o;
                    }
                }
            }
            return o;
        }
        return routes.computeIfAbsent(uri, RouteTimers::new);
    }

    /** One route's timers, by method, status and exception: a copy-on-write array, scanned (routes have few). */
    private final class RouteTimers {
        private final String uri;
        private volatile Entry[] entries = new Entry[0];

        RouteTimers(String uri) {
            this.uri = uri;
        }

        Timer timer(String method, int status, String exception) {
            for (Entry x : entries) {
                // method and "none" are interned constants; an exception name is compared by value
                if (x.status == status && x.method == method && x.exception.equals(exception)) {
                    return x.timer;
                }
            }
            return add(method, status, exception);
        }

        private synchronized Timer add(String method, int status, String exception) {
            Entry[] current = entries;
            for (Entry x : current) {
                if (x.status == status && x.method.equals(method) && x.exception.equals(exception)) {
                    return x.timer;
                }
            }
            Timer t = newTimer(method, uri, status, exception);
            Entry[] next = java.util.Arrays.copyOf(current, current.length + 1);
            next[current.length] = new Entry(method, status, exception, t);
            entries = next;
            return t;
        }
    }

    private static final class Entry {
        final String method;
        final int status;
        final String exception;
        final Timer timer;

        Entry(String method, int status, String exception, Timer timer) {
            this.method = method;
            this.status = status;
            this.exception = exception;
            this.timer = timer;
        }
    }

    private Timer newTimer(String method, String uri, int status, String exception) {
        if (standingDown.test(NAME)) { // the application records this name itself (coexist=app)
            return new NoopTimer(new Meter.Id(NAME, Tags.empty(), null, null, Meter.Type.TIMER));
        }
        Timer.Builder b = Timer.builder(NAME)
                .description("Duration of HTTP server requests")
                .tag("method", method)
                .tag("uri", uri)
                .tag("status", Integer.toString(status))
                .tag("outcome", Outcome.of(status))
                .tag("exception", exception);
        Boolean error = errorTag;
        if (error == null) {
            synchronized (this) {
                if (errorTag == null) {
                    boolean wanted;
                    try {
                        wanted = errorTagWanted.getAsBoolean();
                    } catch (RuntimeException e) {
                        wanted = false;
                    }
                    errorTag = wanted;
                }
                error = errorTag;
            }
        }
        if (error) {
            b.tag("error", exception);
        }
        if (histogram) {
            b.serviceLevelObjectives(BUCKETS);
        }
        return b.register(registry);
    }

    private static Map<String, String> constants() {
        Map<String, String> m = new HashMap<>();
        for (String x : METHODS) {
            m.put(x, x);
        }
        m.put("UNKNOWN", "UNKNOWN");
        return m;
    }

    private static String simpleName(Throwable t) {
        String n = t.getClass().getSimpleName();
        return n.isEmpty() ? t.getClass().getName() : n;
    }
}
