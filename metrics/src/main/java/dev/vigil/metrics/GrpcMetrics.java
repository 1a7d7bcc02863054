package dev.vigil.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Records gRPC calls with Micrometer's gRPC meter names and tags ({@code MetricCollectingServerInterceptor} /
 * {@code ...ClientInterceptor}): {@code grpc.server.processing.duration} and {@code grpc.client.processing.duration}
 * (Prometheus: {@code grpc_server_processing_duration_seconds}, {@code grpc_client_processing_duration_seconds}), tagged
 * {@code service}, {@code method}, {@code method_type} and {@code status_code} (Micrometer: {@code methodType},
 * {@code statusCode}; snake case keeps {@code promtool check metrics} silent). Beyond {@code maxMethods} distinct full
 * method names new ones are recorded as {@code service="__other__", method="__other__"} and counted in
 * {@code metrics_agent_dropped_series_total{reason="grpc_method"}}. Thread-safe; never throws.
 */
public final class GrpcMetrics {
    static final String SERVER = "grpc.server.processing.duration";
    static final String CLIENT = "grpc.client.processing.duration";

    private final MeterRegistry registry;
    private final int maxMethods;
    private final Counter dropped;
    private final Set<String> methods = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    GrpcMetrics(MeterRegistry registry, int maxMethods, Counter dropped) {
        this.registry = registry;
        this.maxMethods = maxMethods;
        this.dropped = dropped;
    }

    /**
     * Records one call the server processed, from its arrival until the server closed it.
     *
     * @param fullMethodName {@code package.Service/Method}
     * @param methodType {@code UNARY}, {@code CLIENT_STREAMING}, {@code SERVER_STREAMING}, {@code BIDI_STREAMING} or
     *     {@code UNKNOWN}
     * @param statusCode the gRPC status code's name ({@code OK}, {@code NOT_FOUND}, ...)
     */
    public void server(String fullMethodName, String methodType, String statusCode, long nanos) {
        record(
                SERVER,
                "The total time taken for the server to complete the call",
                fullMethodName,
                methodType,
                statusCode,
                nanos);
    }

    /** Records one call the client made, from its start until its final status; parameters as for the server. */
    public void client(String fullMethodName, String methodType, String statusCode, long nanos) {
        record(
                CLIENT,
                "The total time taken for the client to complete the call, including network delay",
                fullMethodName,
                methodType,
                statusCode,
                nanos);
    }

    private void record(
            String name, String help, String fullMethodName, String methodType, String statusCode, long nanos) {
        try {
            String full = fullMethodName == null ? "UNKNOWN/UNKNOWN" : fullMethodName;
            if (!methods.contains(full)) {
                if (methods.size() >= maxMethods) {
                    dropped.increment();
                    full = HttpServerMetrics.OVERFLOW_URI + "/" + HttpServerMetrics.OVERFLOW_URI;
                } else {
                    methods.add(full);
                }
            }
            String type = methodType == null ? "UNKNOWN" : methodType;
            String code = statusCode == null ? "UNKNOWN" : statusCode;
            String key = name + ' ' + full + ' ' + type + ' ' + code;
            Timer timer = timers.get(key);
            if (timer == null) {
                int slash = full.lastIndexOf('/');
                String service = slash < 0 ? full : full.substring(0, slash);
                String method = slash < 0 ? "UNKNOWN" : full.substring(slash + 1);
                timer = timers.computeIfAbsent(
                        key,
                        k -> Timer.builder(name)
                                .description(help)
                                .tag("service", service)
                                .tag("method", method)
                                .tag("method_type", type)
                                .tag("status_code", code)
                                .register(registry));
            }
            timer.record(nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException ignored) {
            // metrics must never break a call
        }
    }
}
