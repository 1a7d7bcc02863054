package dev.vigil.metrics.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** CPU per 10k-series scrape: the Prometheus client's writer (as Micrometer's scrape) vs Vigil's endpoint path. */
public final class ScrapeCpu {
    public static void main(String[] args) throws Exception {
        for (String format : new String[] {"text", "openmetrics"}) {
            ScrapeBenchmark b = new ScrapeBenchmark();
            b.routes = 667;
            b.format = format;
            b.setUp();
            Map<String, CpuTime.Op> v = new LinkedHashMap<>();
            v.put("prometheusClientWriter", b::prometheusClientWriter);
            v.put("vigilWriter", b::vigilWriter);
            v.put("prometheusClientWriterGzip", b::prometheusClientWriterGzip);
            v.put("vigilWriterGzip", b::vigilWriterGzip);
            CpuTime.run("scrape, " + format + ", " + b.prometheusClientWriter() + " bytes", v, 300, 15, 20);
            b.tearDown();
        }
    }
}
