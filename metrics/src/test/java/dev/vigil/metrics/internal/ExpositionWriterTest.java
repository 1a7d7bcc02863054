package dev.vigil.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.metrics.MetricsConfig;
import dev.vigil.metrics.VigilMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.config.PrometheusPropertiesLoader;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The endpoint's own writer against the Prometheus client's writers, byte for byte, on the same snapshots: every
 * Micrometer meter type, escaping, non-ASCII text, exemplars, and the agent's full registry (JVM meters included).
 */
class ExpositionWriterTest {
    private static final PrometheusProperties PROPERTIES =
            PrometheusPropertiesLoader.load(PrometheusConfig.DEFAULT.prometheusProperties());
    private static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private VigilMetrics metrics;

    @AfterEach
    void close() {
        if (metrics != null) {
            metrics.close();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyMeterTypeIsWrittenExactlyAsThePrometheusClientWritesIt(boolean openMetrics) throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(
                PrometheusConfig.DEFAULT,
                new PrometheusRegistry(),
                io.micrometer.core.instrument.Clock.SYSTEM,
                new TraceparentExemplars());
        registerEveryType(registry);
        assertSame(registry, openMetrics);
        registry.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theAgentsRegistryIsWrittenExactlyAsThePrometheusClientWritesIt(boolean openMetrics) throws Exception {
        metrics = VigilMetrics.create(MetricsConfig.parse("", Map.of(), Map.of()));
        for (int i = 0; i < 50; i++) {
            metrics.httpServer().record("GET", "/items/{id}", 200, null, 3_000_000L * i, i % 2 == 0 ? TRACE : null);
            metrics.httpServer().record("POST", "/p/" + i, 201, null, 1_000_000L + i);
        }
        metrics.httpServer().record("GET", "/boom", 200, new IllegalStateException(), 7_000_000L, TRACE);
        registerEveryType(metrics.registry());
        String body = assertSame(metrics.registry(), openMetrics);
        assertThat(body).contains("http_server_requests_seconds_bucket{exception=\"none\",method=\"GET\"");
        if (openMetrics) {
            assertThat(body).contains("# {span_id=\"b7ad6b7169203331\",trace_id=\"0af7651916cd43dd8448eb211c80319c\"}");
        }
    }

    @Test
    void aNameFilterSelectsFamiliesLikeMicrometersScrape() throws Exception {
        metrics = VigilMetrics.create(MetricsConfig.parse("", Map.of(), Map.of()));
        metrics.httpServer().record("GET", "/items/{id}", 200, null, 1_000_000L);
        ScrapeWriters writers = new ScrapeWriters();
        ScrapeRequest request = ScrapeRequest.of(null, null, "name[]=http_server_requests_seconds&name[]=jvm_info");
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        writers.write(metrics.registry(), request).writeTo(ours);
        String expected = metrics.registry().scrape(ScrapeRequest.TEXT, request.names());
        assertThat(ours.toString(StandardCharsets.UTF_8)).isEqualTo(expected).contains("jvm_info{");
    }

    private static String assertSame(PrometheusMeterRegistry registry, boolean openMetrics) throws Exception {
        // one collection, two writers: values cannot move between them
        MetricSnapshots snapshots = registry.getPrometheusRegistry().scrape();
        ExpositionFormats formats = ExpositionFormats.init(PROPERTIES);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        (openMetrics ? formats.getOpenMetricsTextFormatWriter() : formats.getPrometheusTextFormatWriter())
                .write(expected, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
        ExpositionWriter writer = new ExpositionWriter(openMetrics, PROPERTIES);
        writer.write(snapshots);
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        writer.writeTo(actual);
        String want = expected.toString(StandardCharsets.UTF_8);
        assertThat(actual.toString(StandardCharsets.UTF_8)).isEqualTo(want);
        assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
        // a second write into the reused buffer gives the same bytes
        writer.write(snapshots);
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        writer.writeTo(again);
        assertThat(again.toByteArray()).isEqualTo(expected.toByteArray());
        // the fast path wrote nearly everything: only Micrometer's info and unknown-typed families go to the client
        assertThat(writer.fallbackFamilies()).isLessThanOrEqualTo(3);
        return want;
    }

    private static void registerEveryType(MeterRegistry registry) {
        Counter.builder("orders.placed")
                .description("Orders \"placed\" \\ with a\nnewline and ünïcödé")
                .tag("shop", "a\"b\\c\nd ü")
                .register(registry)
                .increment(3);
        Counter.builder("plain.counter").register(registry).increment(1e9);
        Gauge.builder("queue.size", () -> 42)
                .description("Items waiting")
                .tag("queue", "q1")
                .register(registry);
        Gauge.builder("ratio", () -> 0.125).baseUnit("percent").register(registry);
        Gauge.builder("negative", () -> -3.0).register(registry);
        Gauge.builder("nan.gauge", () -> Double.NaN).register(registry);
        Gauge.builder("huge", () -> 1.5e300).register(registry);
        Gauge.builder("neg.zero", () -> -0.0).register(registry);
        Gauge.builder("events.total", () -> 7).register(registry);
        Gauge.builder("app.info", () -> 1).tag("version", "1.2.3").register(registry);
        Timer slo = Timer.builder("calls")
                .description("Calls")
                .tag("route", "/x")
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(1))
                .register(registry);
        TraceparentExemplars.with(TraceparentExemplars.parse(TRACE), () -> slo.record(3, TimeUnit.MILLISECONDS));
        slo.record(700, TimeUnit.MILLISECONDS);
        Timer.builder("calls")
                .tag("route", "/empty")
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(1))
                .register(registry);
        Timer percentiles = Timer.builder("latency")
                .publishPercentiles(0.5, 0.99)
                .tag("k", "v")
                .register(registry);
        for (int i = 1; i <= 100; i++) {
            percentiles.record(i, TimeUnit.MILLISECONDS);
        }
        Timer.builder("histo.timer")
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.ofMillis(12));
        Timer.builder("plain.timer").register(registry).record(Duration.ofNanos(123_456_789));
        DistributionSummary.builder("payload.size")
                .baseUnit("bytes")
                .serviceLevelObjectives(100, 1000)
                .publishPercentiles(0.9)
                .register(registry)
                .record(512);
        DistributionSummary.builder("no.unit.summary").register(registry).record(0.5);
        LongTaskTimer.builder("jobs.running").register(registry).start();
        FunctionCounter.builder("fn.counter", new int[] {5}, a -> a[0]).register(registry);
        FunctionTimer.builder("fn.timer", new long[] {3, 4_000_000}, a -> a[0], a -> a[1], TimeUnit.NANOSECONDS)
                .register(registry);
        Meter.builder(
                        "custom.meter",
                        Meter.Type.OTHER,
                        List.of(
                                new Measurement(() -> 1.0, Statistic.VALUE),
                                new Measurement(() -> 2.0, Statistic.TOTAL)))
                .register(registry);
        Meter.builder("custom.gaugelike", Meter.Type.GAUGE, List.of(new Measurement(() -> 3.0, Statistic.VALUE)))
                .register(registry);
    }
}
