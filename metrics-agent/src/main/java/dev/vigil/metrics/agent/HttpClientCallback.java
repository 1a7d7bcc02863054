package dev.vigil.metrics.agent;

import dev.vigil.metrics.HttpClientMetrics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * What the code woven into {@code jdk.internal.net.http.HttpClientImpl} calls. That code finds {@link #INSTANCE} by
 * reflection through the system class loader and calls it as a JDK {@link BiFunction}, so the JDK module needs neither
 * the boot class path nor a module read edge. Never throws.
 */
public final class HttpClientCallback implements BiFunction<Object, Object, Object> {
    /** Looked up by name from the woven JDK code. */
    public static final HttpClientCallback INSTANCE = new HttpClientCallback();

    /** {@code EventSinks.THREAD_NAME_PREFIX}, repeated here so that no guard class is loaded when the guard is off. */
    static final String GUARD_OUTPUT_THREADS = "vigil-guard-output";

    private static volatile HttpClientMetrics metrics;

    private HttpClientCallback() {}

    static void use(HttpClientMetrics m) {
        metrics = m;
    }

    /**
     * @param future the future {@code sendAsync} returned
     * @param call {@code {HttpRequest request, Long startNanos}}
     * @return the same future
     */
    @Override
    public Object apply(Object future, Object call) {
        if (Thread.currentThread().getName().startsWith(GUARD_OUTPUT_THREADS)) {
            return future; // the runtime guard's own POSTs of its events are not the application's calls
        }
        try {
            Object[] args = (Object[]) call;
            HttpRequest request = (HttpRequest) args[0];
            long start = (Long) args[1];
            String method = request.method();
            URI uri = request.uri();
            String host = uri == null || uri.getHost() == null ? "none" : uri.getHost();
            ((CompletableFuture<?>) future).whenComplete((response, thrown) -> {
                long nanos = System.nanoTime() - start;
                int status = response instanceof HttpResponse ? ((HttpResponse<?>) response).statusCode() : 0;
                record(method, host, status, thrown, nanos);
            });
        } catch (Throwable ignored) {
            // never into the application
        }
        return future;
    }

    private static void record(String method, String host, int status, Throwable thrown, long nanos) {
        HttpClientMetrics m = metrics;
        if (m == null) {
            EarlyMeasurements.add(() -> record(method, host, status, thrown, nanos));
            return;
        }
        m.record(method, host, status, thrown, nanos);
    }
}
