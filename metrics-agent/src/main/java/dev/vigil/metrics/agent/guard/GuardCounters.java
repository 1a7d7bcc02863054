package dev.vigil.metrics.agent.guard;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code vigil_guard_events_total{rule, priority, action}}: every event, written or suppressed by the rate limit.
 * Events before the registry exists are counted too and show up once it does.
 */
final class GuardCounters {
    static final String NAME = "vigil.guard.events";

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    void increment(String rule, String priority, String action) {
        String key = rule + '\n' + priority + '\n' + action;
        LongAdder adder = counts.get(key);
        if (adder == null) {
            LongAdder fresh = new LongAdder();
            adder = counts.putIfAbsent(key, fresh);
            if (adder == null) {
                adder = fresh;
                MeterRegistry r = registry;
                if (r != null) {
                    register(r, key, adder);
                }
            }
        }
        adder.increment();
    }

    /** Publishes the counters on {@code r}, those counted so far and every later one. */
    synchronized void bind(MeterRegistry r) {
        registry = r;
        counts.forEach((key, adder) -> register(r, key, adder));
    }

    long count(String rule, String priority, String action) {
        LongAdder a = counts.get(rule + '\n' + priority + '\n' + action);
        return a == null ? 0 : a.sum();
    }

    private static void register(MeterRegistry r, String key, LongAdder adder) {
        String[] p = key.split("\n", 3);
        FunctionCounter.builder(NAME, adder, LongAdder::doubleValue)
                .description("Runtime guard events, by rule, priority and action (detected or blocked)")
                .tags("rule", p[0], "priority", p[1], "action", p[2])
                .register(r);
    }
}
