package dev.vigil.metrics.internal;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.config.PrometheusPropertiesLoader;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The endpoint's scrape path: the registry's snapshots (as Micrometer collects them for {@code scrape()}) written by
 * {@link ExpositionWriter} into reused buffers, gzip at the fastest level. One instance per endpoint; callers
 * serialise scrapes (the endpoint holds its lock while writing the response).
 */
public final class ScrapeWriters {
    private final PrometheusProperties properties;
    private ExpositionWriter text;
    private ExpositionWriter openMetrics;
    private final Gzipped gzipped = new Gzipped();

    /** For a registry built with {@link PrometheusConfig#DEFAULT}, as {@code VigilMetrics} builds it. */
    public ScrapeWriters() {
        this(PrometheusPropertiesLoader.load(PrometheusConfig.DEFAULT.prometheusProperties()));
    }

    /** @param properties the registry's Prometheus properties */
    public ScrapeWriters(PrometheusProperties properties) {
        this.properties = properties;
    }

    /** Collects and writes one scrape; the body stays valid until the next call. */
    public ScrapeBody write(PrometheusMeterRegistry registry, ScrapeRequest request) throws IOException {
        PrometheusRegistry r = registry.getPrometheusRegistry();
        Set<String> names = request.names();
        MetricSnapshots snapshots = names == null ? r.scrape() : r.scrape(names::contains);
        ExpositionWriter writer = writer(ScrapeRequest.OPENMETRICS.equals(request.contentType()));
        writer.write(snapshots);
        if (!request.gzip()) {
            return new ScrapeBody(writer.array(), writer.size());
        }
        gzipped.reset();
        try (GZIPOutputStream gzip = new FastGzip(gzipped)) {
            gzip.write(writer.array(), 0, writer.size());
        }
        return new ScrapeBody(gzipped.bytes(), gzipped.size());
    }

    /** The writer for one format, created on first use. */
    public ExpositionWriter writer(boolean openMetricsFormat) {
        if (openMetricsFormat) {
            if (openMetrics == null) {
                openMetrics = new ExpositionWriter(true, properties);
            }
            return openMetrics;
        }
        if (text == null) {
            text = new ExpositionWriter(false, properties);
        }
        return text;
    }

    /** Level 1: several times cheaper than the default level 6 on exposition text, for a slightly larger body. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(ByteArrayOutputStream out) throws IOException {
            super(out, 16 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    private static final class Gzipped extends ByteArrayOutputStream {
        Gzipped() {
            super(64 * 1024);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
