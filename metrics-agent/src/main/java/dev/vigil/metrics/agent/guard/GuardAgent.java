package dev.vigil.metrics.agent.guard;

import dev.vigil.metrics.MetricsConfig;
import dev.vigil.metrics.agent.AgentLog;
import dev.vigil.metrics.agent.ServletRecorder;
import dev.vigil.metrics.agent.guard.output.EventSink;
import dev.vigil.metrics.agent.guard.output.EventSinks;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the runtime guard in when {@code guard} is {@code detect} or {@code block}: the pipeline, the request tracking
 * it reads routes from, and the hooks. Nothing of this package is loaded when the guard is off.
 */
public final class GuardAgent {
    private static volatile GuardCounters counters;
    private static volatile List<EventSink> sinks = List.of();
    private static volatile CustomRuleSet custom;

    private GuardAgent() {}

    /**
     * Opens the outputs of {@code guard.output} and compiles the rules of {@code guard.rules}, before anything is
     * installed; called once from the agent's start.
     *
     * @return the problems, one line each (a bad output naming its spec, a rules file problem naming file, line and
     *     field); empty when the guard can start. Nothing stays open when there are problems.
     */
    public static List<String> prepare(MetricsConfig config) {
        List<String> problems = new ArrayList<>();
        List<EventSink> opened;
        try {
            opened = EventSinks.open(config.guardOutputs());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return problems;
        }
        CustomRuleSet rules = null;
        if (config.guardRules() != null) {
            rules = CustomRuleSet.load(config.guardRules(), problems);
            if (rules == null) {
                opened.forEach(EventSink::close);
                return problems;
            }
        }
        sinks = List.copyOf(opened);
        custom = rules;
        return problems;
    }

    /** Installs the guard after {@link #prepare}; called once from the agent's start, before the application's main. */
    public static void install(MetricsConfig config, Instrumentation inst) {
        boolean debug = Boolean.getBoolean("vigil.metrics.debug");
        long wall0 = System.nanoTime();
        long cpu0 = debug ? threadCpu() : 0;
        GuardCounters c = new GuardCounters();
        counters = c;
        List<EventSink> out = sinks;
        Guard guard = new Guard(
                config,
                c,
                line -> {
                    for (EventSink s : out) {
                        s.write(line);
                    }
                },
                new SensitivePaths(System.getProperty("user.home"), System.getProperty("user.dir")),
                custom);
        guard.findHostnameInBackground();
        GuardCallback.use(guard);
        // every class the callback needs on its common path is loaded now, not inside a guarded JDK call
        GuardCallback.INSTANCE.apply("file.read", "/dev/null");
        GuardCallback.INSTANCE.apply("jndi", "java:comp/env");
        GuardCallback.INSTANCE.apply("deserialize", String.class);
        ServletRecorder.trackRequests();
        long wall1 = System.nanoTime();
        GuardInstrumentation.install(inst, !config.guardEgress().isEmpty() || guard.customFor("connect"));
        if (debug) {
            long wall2 = System.nanoTime();
            AgentLog.info(String.format(
                    java.util.Locale.ROOT,
                    "runtime guard installed in %.1f ms (CPU %s ms; pipeline and warm-up %.1f ms, weaving %.1f ms)",
                    (wall2 - wall0) / 1e6,
                    cpuSince(cpu0),
                    (wall1 - wall0) / 1e6,
                    (wall2 - wall1) / 1e6));
        }
        AgentLog.info("runtime guard on (" + config.guard().name().toLowerCase(java.util.Locale.ROOT) + ")"
                + (custom == null ? "" : ", " + custom.rules().size() + " custom rules from " + config.guardRules()));
    }

    /**
     * CPU time of the calling thread in ns from {@code /proc/thread-self/schedstat}, or -1 where that cannot be read (the
     * debug log's figure only). Not {@code ThreadMXBean}: loading {@code java.lang.management} cold is ~20 ms of CPU of
     * its own on the main thread before the application's main (a bare JVM here), which the debug run then charged to
     * {@code guard=detect} alone. The yield first makes the kernel bring the figure up to date (it is otherwise as old
     * as the last scheduler tick).
     */
    static long threadCpu() {
        Thread.yield();
        byte[] b = new byte[64];
        int n;
        try (java.io.FileInputStream in = new java.io.FileInputStream("/proc/thread-self/schedstat")) {
            n = in.read(b);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        long ns = 0;
        int i = 0;
        for (; i < n && b[i] >= '0' && b[i] <= '9'; i++) {
            ns = ns * 10 + (b[i] - '0');
        }
        return i == 0 ? -1 : ns;
    }

    private static String cpuSince(long cpu0) {
        long cpu1 = threadCpu();
        return cpu0 < 0 || cpu1 < 0 ? "?" : String.format(java.util.Locale.ROOT, "%.1f", (cpu1 - cpu0) / 1e6);
    }

    /** Publishes {@code vigil_guard_events_total} on the agent's registry. */
    public static void bind(MeterRegistry registry) {
        GuardCounters c = counters;
        if (c != null) {
            c.bind(registry);
        }
    }
}
