package dev.vigil.metrics;

import dev.vigil.metrics.internal.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Records outgoing HTTP calls as {@code http.client.requests} (Prometheus: {@code http_client_requests_seconds}) with
 * the Spring Boot tags {@code method}, {@code client.name} (the host only, never the path), {@code status},
 * {@code outcome} and {@code exception}. Hosts beyond {@code maxRoutes} become {@code __other__}. Never throws.
 */
public final class HttpClientMetrics {
    private final MeterRegistry registry;
    private final int maxHosts;
    private final Counter dropped;
    private final Set<String> hosts = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    private volatile Predicate<String> standingDown = name -> false;

    /** Names the agent no longer records itself: checked before a call is recorded. */
    void standingDown(Predicate<String> names) {
        this.standingDown = names;
    }

    HttpClientMetrics(MeterRegistry registry, int maxHosts, Counter dropped) {
        this.registry = registry;
        this.maxHosts = maxHosts;
        this.dropped = dropped;
    }

    /**
     * Records one call.
     *
     * @param status the response status, or 0 when no response arrived (the exception says why)
     */
    public void record(String method, String host, int status, Throwable exception, long nanos) {
        try {
            String h = hosts.contains(host) ? host : capHost(host);
            Throwable cause = exception instanceof CompletionException && exception.getCause() != null
                    ? exception.getCause()
                    : exception;
            String s = status == 0 ? "CLIENT_ERROR" : Integer.toString(status);
            String e = cause == null ? "none" : exceptionName(cause);
            String key = method + ' ' + s + ' ' + e + ' ' + h;
            if (standingDown.test("http.client.requests")) {
                return; // the application records this name itself (coexist=app)
            }
            Timer timer = timers.computeIfAbsent(
                    key,
                    k -> Timer.builder("http.client.requests")
                            .description("Duration of outgoing HTTP requests")
                            .tag("method", method)
                            .tag("client.name", h)
                            .tag("status", s)
                            .tag("outcome", status == 0 ? "UNKNOWN" : Outcome.of(status))
                            .tag("exception", e)
                            .register(registry));
            timer.record(nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException ignored) {
            // metrics must never break a call
        }
    }

    /**
     * The {@code exception} label: the simple class name, except that Netty's annotated copies of the JDK's socket
     * exceptions ({@code AbstractChannel$AnnotatedConnectException}, which only add the address to the message) are
     * named after the JDK exception, so a refused connection reads {@code ConnectException} with every client.
     */
    static String exceptionName(Throwable t) {
        Class<?> c = t.getClass();
        if (c.getName().contains("AbstractChannel$Annotated")
                && c.getSuperclass() != null
                && c.getSuperclass().getName().startsWith("java.")) {
            c = c.getSuperclass();
        }
        String n = c.getSimpleName();
        return n.isEmpty() ? c.getName() : n;
    }

    private String capHost(String host) {
        if (hosts.size() >= maxHosts) {
            dropped.increment();
            return HttpServerMetrics.OVERFLOW_URI;
        }
        hosts.add(host);
        return host;
    }
}
