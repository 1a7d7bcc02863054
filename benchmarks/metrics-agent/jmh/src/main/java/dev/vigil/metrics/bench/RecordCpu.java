package dev.vigil.metrics.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** CPU per recorded request: the agent's record path against the peers of {@link RecordBenchmark}. */
public final class RecordCpu {
    public static void main(String[] args) throws Exception {
        RecordBenchmark b = new RecordBenchmark();
        b.setUp();
        Map<String, CpuTime.Op> v = new LinkedHashMap<>();
        v.put("vigil", () -> {
            b.vigil();
            return 0;
        });
        v.put("vigilTraceparent", () -> {
            b.vigilTraceparent();
            return 0;
        });
        v.put("routeNormalizer", () -> b.routeNormalizer().length());
        v.put("micrometerTimerPerRequest", () -> {
            b.micrometerTimerPerRequest();
            return 0;
        });
        v.put("prometheusHistogram", () -> {
            b.prometheusHistogram();
            return 0;
        });
        CpuTime.run("record one request", v, 2_000_000, 15, 200_000);
        b.tearDown();
    }
}
