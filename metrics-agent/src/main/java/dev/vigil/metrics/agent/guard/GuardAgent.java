package dev.vigil.metrics.agent.guard;

import dev.vigil.metrics.MetricsConfig;
import dev.vigil.metrics.agent.AgentLog;
import dev.vigil.metrics.agent.ServletRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.instrument.Instrumentation;

/**
 * Wires the runtime guard in when {@code guard} is {@code detect} or {@code block}: the pipeline, the request tracking
 * it reads routes from, and the hooks. Nothing of this package is loaded when the guard is off.
 */
public final class GuardAgent {
    private static volatile GuardCounters counters;

    private GuardAgent() {}

    /** Installs the guard; called once from the agent's start, before the application's {@code main}. */
    public static void install(MetricsConfig config, Instrumentation inst) {
        GuardCounters c = new GuardCounters();
        counters = c;
        for (String spec : config.guardOutputs()) {
            if (!spec.equals("stderr")) {
                AgentLog.warn("guard.output '" + spec + "' is not supported yet in this build; events go to stderr");
            }
        }
        if (config.guardRules() != null) {
            AgentLog.warn("guard.rules '" + config.guardRules()
                    + "': custom rules are not supported yet in this build; only the built-in rules run");
        }
        Guard guard = new Guard(
                config,
                c,
                GuardAgent::writeStderr,
                new SensitivePaths(System.getProperty("user.home"), System.getProperty("user.dir")));
        GuardCallback.use(guard);
        // every class the callback needs on its common path is loaded now, not inside a guarded JDK call
        GuardCallback.INSTANCE.apply("file.read", "/dev/null");
        GuardCallback.INSTANCE.apply("jndi", "java:comp/env");
        GuardCallback.INSTANCE.apply("deserialize", String.class);
        ServletRecorder.trackRequests();
        GuardInstrumentation.install(inst, !config.guardEgress().isEmpty());
        AgentLog.info("runtime guard on (" + config.guard().name().toLowerCase(java.util.Locale.ROOT) + ")");
    }

    /** Publishes {@code vigil_guard_events_total} on the agent's registry. */
    public static void bind(MeterRegistry registry) {
        GuardCounters c = counters;
        if (c != null) {
            c.bind(registry);
        }
    }

    private static void writeStderr(String line) {
        System.err.println(line);
    }
}
