package dev.vigil.metrics.bench;

import dev.vigil.metrics.HttpServerMetrics;
import dev.vigil.metrics.MetricsConfig;
import dev.vigil.metrics.VigilMetrics;
import dev.vigil.metrics.agent.ServletRecorder;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * What {@code guard=detect} adds to one servlet request that fires nothing: the per-request path the woven
 * {@code HttpServlet.service} runs around the application's servlet ({@link ServletRecorder#start(Object)} before it,
 * {@link ServletRecorder#record} after it: route, status, histogram), with the guard's request tracking off and on,
 * each in its own fork of the same run. With the guard on, the request is kept in a {@code ThreadLocal} for the
 * guard's events ({@code set} in {@code start}, {@code remove} in {@code record}); nothing else of the guard runs for a
 * request that does not reach a guarded JDK call (see RESULTS.md for which calls a plain request makes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class GuardRequestBenchmark {
    @Param({"off", "detect"})
    public String guard;

    private VigilMetrics metrics;
    private final Object request = new Object();
    private final String path = new String("/items/42"); // not a constant: the container hands over a fresh string

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        metrics = VigilMetrics.create(MetricsConfig.parse("jvm=false", Map.of(), Map.of()));
        Method install = ServletRecorder.class.getDeclaredMethod("install", HttpServerMetrics.class);
        install.setAccessible(true);
        install.invoke(null, metrics.httpServer());
        if (guard.equals("detect")) {
            ServletRecorder.trackRequests(); // what GuardAgent.install does; once on, on for the fork
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        metrics.close();
    }

    /** One request as the servlet hook records it (Spring MVC pattern known, status 200, no trace context). */
    @Benchmark
    public Object request() {
        long start = ServletRecorder.start(request);
        return ServletRecorder.record(
                start, "GET", "/items/{id}", null, null, path, "", 200, null, null, null, null, null);
    }
}
