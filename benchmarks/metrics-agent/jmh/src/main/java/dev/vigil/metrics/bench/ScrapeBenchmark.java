package dev.vigil.metrics.bench;

import dev.vigil.metrics.MetricsConfig;
import dev.vigil.metrics.VigilMetrics;
import dev.vigil.metrics.internal.ScrapeRequest;
import dev.vigil.metrics.internal.ScrapeWriters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A scrape of ~10k samples as in run.sh (667 distinct routes, 15 samples each with histogram buckets, plus the JVM
 * meters): the Prometheus client's writer as Micrometer drives it ({@code registry.scrape}) against the endpoint's
 * own path ({@code VigilMetrics#scrape}, when present), plain and gzip, text and OpenMetrics.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScrapeBenchmark {
    @Param({"667"})
    int routes;

    @Param({"text"})
    String format;

    VigilMetrics metrics;
    String type;
    ScrapeWriters writers;
    ScrapeRequest plain;
    ScrapeRequest gzip;
    final ByteArrayOutputStream body = new ByteArrayOutputStream(2 << 20);

    @Setup(Level.Trial)
    public void setUp() {
        metrics = VigilMetrics.create(MetricsConfig.parse("maxRoutes=100000", Map.of(), Map.of()));
        for (int i = 0; i < routes; i++) {
            metrics.httpServer().record("GET", "/p/" + word(i), 200, null, 1_000_000L + i * 1000L);
        }
        type = format.equals("text") ? ScrapeRequest.TEXT : ScrapeRequest.OPENMETRICS;
        String accept = format.equals("text") ? null : "application/openmetrics-text";
        writers = new ScrapeWriters();
        plain = ScrapeRequest.of(accept, null, null);
        gzip = ScrapeRequest.of(accept, "gzip", null);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        metrics.close();
    }

    static String word(int n) {
        StringBuilder s = new StringBuilder();
        do {
            s.append((char) ('a' + n % 26));
            n /= 26;
        } while (n != 0);
        return s.toString();
    }

    @Benchmark
    public int prometheusClientWriter() throws IOException {
        body.reset();
        metrics.registry().scrape(body, type, null);
        return body.size();
    }

    @Benchmark
    public int prometheusClientWriterGzip() throws IOException {
        body.reset();
        try (OutputStream out = new GZIPOutputStream(body, 8192)) {
            metrics.registry().scrape(out, type, null);
        }
        return body.size();
    }

    @Benchmark
    public int vigilWriter() throws IOException {
        return writers.write(metrics.registry(), plain).size();
    }

    @Benchmark
    public int vigilWriterGzip() throws IOException {
        return writers.write(metrics.registry(), gzip).size();
    }
}
