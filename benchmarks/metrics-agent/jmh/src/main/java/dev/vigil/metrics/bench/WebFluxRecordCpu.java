package dev.vigil.metrics.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link WebFluxRecordBenchmark} in thread CPU time, the two variants interleaved in rounds (usable on a shared
 * machine); prints the difference per request and checks that every recorded request reached the histogram.
 */
public final class WebFluxRecordCpu {
    private WebFluxRecordCpu() {}

    public static void main(String[] args) throws Exception {
        WebFluxRecordBenchmark b = new WebFluxRecordBenchmark();
        b.setUp();
        Map<String, CpuTime.Op> v = new LinkedHashMap<>();
        v.put("none (no agent)", b::none);
        v.put("recorded (agent's advice + recorder)", b::recorded);
        double before = b.count();
        int warmup = 300_000;
        int rounds = 11;
        int ops = 200_000;
        CpuTime.run("one WebFlux request through HttpWebHandlerAdapter", v, warmup, rounds, ops);
        long expected = warmup + (long) rounds * ops;
        if (b.count() - before != expected) {
            throw new IllegalStateException("recorded " + (b.count() - before) + " requests, expected " + expected);
        }
        b.tearDown();
    }
}
