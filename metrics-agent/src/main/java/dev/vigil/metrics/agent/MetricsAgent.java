package dev.vigil.metrics.agent;

import dev.vigil.metrics.InvalidMetricsConfigException;
import dev.vigil.metrics.MetricsConfig;
import dev.vigil.metrics.MetricsEndpoint;
import dev.vigil.metrics.VigilMetrics;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code -javaagent} entry point. It only wires the library in: parses the options, creates the registry, starts
 * the endpoint and installs the servlet instrumentation. Any failure is logged and the application starts anyway.
 */
public final class MetricsAgent {
    private static volatile VigilMetrics metrics;

    private MetricsAgent() {}

    /** Called by the JVM before {@code main} for {@code -javaagent:metrics-agent.jar[=options]}. */
    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    /** Called when the agent is attached to a running JVM. */
    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    private static volatile boolean started;
    /** Built at run time so that the shade plugin does not relocate it to the agent's own copy. */
    private static final String APP_METRICS_CLASS =
            String.join(".", "io", "micrometer", "core", "instrument", "Metrics");

    private static volatile List<Class<?>> micrometers = List.of();
    private static volatile long lastScan = System.nanoTime() - 20_000_000_000L;

    static synchronized void start(String args, Instrumentation inst, boolean attached) {
        if (started) {
            AgentLog.warn("already running; ignoring a second start");
            return;
        }
        try {
            // the agent's own (relocated) Byte Buddy needs no sun.misc.Unsafe; the shade plugin relocates this key
            if (System.getProperty("net.bytebuddy.safe") == null) {
                System.setProperty("net.bytebuddy.safe", "true");
            }
            MetricsConfig config = MetricsConfig.parse(args, systemProperties(), System.getenv());
            if (config.guard() != MetricsConfig.GuardMode.OFF) {
                // outputs opened and custom rules compiled before anything is woven: a bad one stops the whole
                // agent, like any other bad option, and leaves nothing half-installed
                List<String> problems = prepareGuard(config);
                if (!problems.isEmpty()) {
                    AgentLog.warn("invalid metrics configuration:\n  - " + String.join("\n  - ", problems)
                            + "\nthe application continues without metrics");
                    return;
                }
            }
            started = true;
            if (config.servlet()) {
                ServletInstrumentation.install(inst, attached);
            }
            if (config.guard() != MetricsConfig.GuardMode.OFF) {
                installGuard(config, inst);
            }
            try {
                AdviceInstrumentation.install(inst, config.servlet(), config.httpClient(), config.grpc());
            } catch (Throwable t) {
                AgentLog.warn("WebFlux, Reactor Netty and gRPC calls are not measured: " + t);
            }
            try {
                MicrometerInstrumentation.install(inst);
            } catch (Throwable t) {
                AgentLog.warn("the application's Micrometer registries are not bridged: " + t);
            }
            if (config.httpClient() && !attached) {
                try {
                    HttpClientInstrumentation.install(inst);
                    UrlConnectionInstrumentation.install(inst);
                } catch (Throwable t) {
                    AgentLog.warn("HTTP client calls are not measured: " + t);
                }
            }
            if (config.executors()) {
                try {
                    ExecutorInstrumentation.install(inst);
                } catch (Throwable t) {
                    AgentLog.warn("thread pools are not measured: " + t);
                }
            }
            if (config.jdbc() && !attached) {
                try {
                    JdbcInstrumentation.install(inst);
                } catch (Throwable t) {
                    AgentLog.warn("JDBC statements are not measured: " + t);
                }
            }
            // the registry, JVM binders and endpoint are built off the application's start-up path
            Thread init = new Thread(() -> initialize(config, inst, attached), "vigil-metrics-init");
            init.setDaemon(true);
            init.start();
            if (attached) {
                init.join();
            }
        } catch (InvalidMetricsConfigException e) {
            AgentLog.warn(e.getMessage() + "\nthe application continues without metrics");
        } catch (Throwable t) {
            AgentLog.warn("failed to start, the application continues without metrics: " + t);
        }
    }

    private static void initialize(MetricsConfig config, Instrumentation inst, boolean attached) {
        try {
            long t0 = System.nanoTime();
            if (config.servlet() && attached) {
                ServletInstrumentation.warmUp();
            }
            long t1 = System.nanoTime();
            VigilMetrics m = VigilMetrics.create(config);
            m.bridgeApplicationRegistries(MicrometerCallback::applicationRegistries, () -> {
                for (Class<?> metricsClass : loadedMicrometers(inst)) {
                    MicrometerCallback.attach(metricsClass);
                }
                return MicrometerCallback.agentRegistries();
            });
            if (attached) {
                // the agent's JVM meters first, then the application's Micrometer (found before the first request is
                // timed): coexist decides between the two
                m.bindJvmMeters();
                m.syncApplicationMeters();
            }
            m.httpServer().errorTagWhen(MicrometerCallback::applicationRegistryCreated);
            metrics = m;
            if (config.guard() != MetricsConfig.GuardMode.OFF) {
                bindGuard(m);
            }
            ServletRecorder.install(m.httpServer());
            WebFluxRecorder.install(m.httpServer());
            ReactorNettyRecorder.install(m.httpClient());
            GrpcRecorder.install(m.grpc());
            HttpClientCallback.use(m.httpClient());
            JdbcCallback.use(m.jdbc());
            UrlConnectionCallback.use(m.httpClient());
            ExecutorCallback.use(m.executors());
            EarlyMeasurements.replay();
            long t2 = System.nanoTime();
            if (config.endpoint()) {
                startEndpoint(m, config);
            }
            // GC pauses and allocations count from start, not from the first scrape (still off the main thread)
            m.bindJvmMeters();
            long t3 = System.nanoTime();
            if (Boolean.getBoolean("vigil.metrics.debug")) {
                AgentLog.info("initialised in the background: instrumentation warm-up " + (t1 - t0) / 1_000_000
                        + " ms, registry " + (t2 - t1) / 1_000_000 + " ms, endpoint " + (t3 - t2) / 1_000_000 + " ms");
            }
        } catch (Throwable t) {
            AgentLog.warn("failed to start, the application continues without metrics: " + t);
        }
    }

    /** In a method of its own, so that no guard class is loaded when the guard is off. */
    private static List<String> prepareGuard(MetricsConfig config) {
        return dev.vigil.metrics.agent.guard.GuardAgent.prepare(config);
    }

    /** In a method of its own, so that no guard class is loaded when the guard is off. */
    private static void installGuard(MetricsConfig config, Instrumentation inst) {
        try {
            dev.vigil.metrics.agent.guard.GuardAgent.install(config, inst);
        } catch (Throwable t) {
            AgentLog.warn("the runtime guard is off, it could not start: " + t);
        }
    }

    private static void bindGuard(VigilMetrics m) {
        try {
            dev.vigil.metrics.agent.guard.GuardAgent.bind(m.registry());
        } catch (Throwable t) {
            AgentLog.warn("vigil_guard_events_total is not published: " + t);
        }
    }

    private static void startEndpoint(VigilMetrics m, MetricsConfig config) {
        try {
            MetricsEndpoint endpoint = m.startEndpoint();
            if (config.portDefaulted() && endpoint.port() != config.portFrom()) {
                AgentLog.info(
                        "port " + config.portFrom() + " is in use (OpenTelemetry's Prometheus exporter defaults to"
                                + " it too); set port= to choose one");
            }
            AgentLog.info(
                    "serving metrics on http://" + hostForUrl(config.host()) + ":" + endpoint.port() + config.path());
        } catch (Exception e) {
            AgentLog.warn("cannot serve metrics, the application continues without the endpoint: " + e.getMessage());
        }
    }

    /** The application's own Micrometer {@code Metrics} classes; cheap once found, rescanned until then. */
    private static List<Class<?>> loadedMicrometers(Instrumentation inst) {
        long now = System.nanoTime();
        if (!micrometers.isEmpty() || now - lastScan < 10_000_000_000L) {
            return micrometers;
        }
        lastScan = now;
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getName().equals(APP_METRICS_CLASS)) {
                found.add(c);
            }
        }
        micrometers = List.copyOf(found);
        return micrometers;
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> out = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("vigil.metrics.")) {
                out.put(name, System.getProperty(name));
            }
        }
        return out;
    }

    /** The running library instance, or null; for tests. */
    static VigilMetrics metrics() {
        return metrics;
    }
}
