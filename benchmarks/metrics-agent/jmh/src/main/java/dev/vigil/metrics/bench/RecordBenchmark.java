package dev.vigil.metrics.bench;

import dev.vigil.metrics.HttpServerMetrics;
import dev.vigil.metrics.MetricsConfig;
import dev.vigil.metrics.VigilMetrics;
import dev.vigil.metrics.internal.RouteNormalizer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One HTTP request's metrics, as the servlet hook does it after the response (route from the raw path, then the
 * histogram timer with exemplar sampling), against peers in the same run: a Micrometer timer looked up per request
 * the way Spring Boot's {@code WebMvcMetricsFilter} / observation handler does ({@code Timer.builder(...).tags(...)
 * .register(registry).record(...)}), and the Prometheus client's own labelled histogram.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordBenchmark {
    static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
    };

    VigilMetrics metrics;
    HttpServerMetrics http;
    PrometheusMeterRegistry springStyle;
    Histogram histogram;
    long nanos = 1_234_567;
    String path = new String("/items/42"); // not a constant: the container hands over a fresh string

    @Setup(Level.Trial)
    public void setUp() {
        metrics = VigilMetrics.create(MetricsConfig.parse("jvm=false", Map.of(), Map.of()));
        http = metrics.httpServer();
        springStyle = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        histogram = Histogram.builder()
                .name("http_server_requests_seconds")
                .help("Duration of HTTP server requests")
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .labelNames("exception", "method", "outcome", "status", "uri")
                .withoutExemplars() // its exemplar path needs a tracer on the class path
                .register(new PrometheusRegistry());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        metrics.close();
        springStyle.close();
    }

    /** The agent's path without a trace context: normalise the raw path, record. */
    @Benchmark
    public void vigil() {
        String uri = RouteNormalizer.route(null, path, "", 200);
        http.record("GET", uri, 200, null, nanos, null);
    }

    /** The agent's path with a sampled W3C trace context (parsed; an exemplar at most every 90 ms). */
    @Benchmark
    public void vigilTraceparent() {
        String uri = RouteNormalizer.route(null, path, "", 200);
        http.record("GET", uri, 200, null, nanos, TRACE);
    }

    /** Just the route normalisation of a raw path. */
    @Benchmark
    public String routeNormalizer() {
        return RouteNormalizer.route(null, path, "", 200);
    }

    /** Spring Boot style: the timer is looked up (built, filtered, registered-or-found) for every request. */
    @Benchmark
    public void micrometerTimerPerRequest() {
        Timer.builder("http.server.requests")
                .tags("exception", "none", "method", "GET", "outcome", "SUCCESS", "status", "200", "uri", "/items/{id}")
                .serviceLevelObjectives(BUCKETS)
                .register(springStyle)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The Prometheus client's own histogram, labels resolved per request. */
    @Benchmark
    public void prometheusHistogram() {
        histogram.labelValues("none", "GET", "SUCCESS", "200", "/items/{id}").observe(nanos / 1e9);
    }
}
