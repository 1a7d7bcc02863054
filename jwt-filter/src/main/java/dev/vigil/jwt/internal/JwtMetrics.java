package dev.vigil.jwt.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters: {@code vigil.jwt.validations{result,reason}}, {@code vigil.jwt.validation.latency},
 * {@code vigil.jwt.cache{result=hit|miss}}, {@code vigil.jwt.keyset.fetches{issuer,result}},
 * {@code vigil.jwt.refreshes{result}} and {@code vigil.jwt.refresh.reuse.detected}.
 */
public final class JwtMetrics implements IssuerKeys.Listener {
    private final MeterRegistry registry;
    private final Counter accepted;
    private final Map<Reason, Counter> rejected = new EnumMap<>(Reason.class);
    private final Timer latency;
    private final Counter hits;
    private final Counter misses;
    private final Counter reuse;

    public JwtMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("vigil.jwt.validations")
                .tag("result", "accepted")
                .tag("reason", "none")
                .register(registry);
        for (Reason r : Reason.values()) {
            rejected.put(
                    r,
                    Counter.builder("vigil.jwt.validations")
                            .tag("result", "rejected")
                            .tag("reason", r.code())
                            .register(registry));
        }
        this.latency = Timer.builder("vigil.jwt.validation.latency").register(registry);
        this.hits = Counter.builder("vigil.jwt.cache").tag("result", "hit").register(registry);
        this.misses = Counter.builder("vigil.jwt.cache").tag("result", "miss").register(registry);
        this.reuse = Counter.builder("vigil.jwt.refresh.reuse.detected").register(registry);
    }

    void validated(Reason reason, long nanos) {
        (reason == null ? accepted : rejected.get(reason)).increment();
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void cache(boolean hit) {
        (hit ? hits : misses).increment();
    }

    @Override
    public void fetched(String issuer, boolean ok) {
        registry.counter("vigil.jwt.keyset.fetches", "issuer", issuer, "result", ok ? "ok" : "failed")
                .increment();
    }

    public void refreshed(String result) {
        registry.counter("vigil.jwt.refreshes", "result", result).increment();
    }

    public void reuseDetected() {
        reuse.increment();
    }
}
