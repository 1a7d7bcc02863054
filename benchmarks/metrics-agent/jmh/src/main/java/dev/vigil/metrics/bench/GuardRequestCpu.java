package dev.vigil.metrics.bench;

import dev.vigil.metrics.HttpServerMetrics;
import dev.vigil.metrics.MetricsConfig;
import dev.vigil.metrics.VigilMetrics;
import dev.vigil.metrics.agent.ServletRecorder;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link GuardRequestBenchmark} in CPU time, for a shared machine: {@code GuardRequestCpu off} and
 * {@code GuardRequestCpu detect} measure the servlet hook's per-request path with the guard's request tracking off
 * and on; {@code jmh.sh GuardRequestCpu} alternates the two processes (the tracking cannot be switched off again in
 * one process).
 */
public final class GuardRequestCpu {
    private GuardRequestCpu() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "off";
        VigilMetrics metrics = VigilMetrics.create(MetricsConfig.parse("jvm=false", Map.of(), Map.of()));
        Method install = ServletRecorder.class.getDeclaredMethod("install", HttpServerMetrics.class);
        install.setAccessible(true);
        install.invoke(null, metrics.httpServer());
        if (mode.equals("detect")) {
            ServletRecorder.trackRequests();
        }
        Object request = new Object();
        String path = new String("/items/42");
        Map<String, CpuTime.Op> ops = new LinkedHashMap<>();
        ops.put("servlet hook per request (guard=" + mode + ")", () -> {
            long start = ServletRecorder.start(request);
            return ServletRecorder.record(
                            start, "GET", "/items/{id}", null, null, path, "", 200, null, null, null, null, null)
                    == null
                    ? 1
                    : 0;
        });
        CpuTime.run("servlet request path", ops, 200_000, 7, 500_000);
        metrics.close();
    }
}
