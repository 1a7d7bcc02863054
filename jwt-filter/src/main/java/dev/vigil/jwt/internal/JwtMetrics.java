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
    private static final String VALIDATIONS = "Access tokens validated, by result and rejection reason";
    private static final String CACHE = "Verified-token cache lookups, by result (hit or miss)";

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
                .description(VALIDATIONS)
                .tag("result", "accepted")
                .tag("reason", "none")
                .register(registry);
        for (Reason r : Reason.values()) {
            rejected.put(
                    r,
                    Counter.builder("vigil.jwt.validations")
                            .description(VALIDATIONS)
                            .tag("result", "rejected")
                            .tag("reason", r.code())
                            .register(registry));
        }
        this.latency = Timer.builder("vigil.jwt.validation.latency")
                .description("Time spent validating an access token, cache hits included")
                .register(registry);
        this.hits = Counter.builder("vigil.jwt.cache")
                .description(CACHE)
                .tag("result", "hit")
                .register(registry);
        this.misses = Counter.builder("vigil.jwt.cache")
                .description(CACHE)
                .tag("result", "miss")
                .register(registry);
        this.reuse = Counter.builder("vigil.jwt.refresh.reuse.detected")
                .description("Refresh tokens presented again after rotation; each revokes its token family")
                .register(registry);
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
        Counter.builder("vigil.jwt.keyset.fetches")
                .description("JWKS fetches per issuer, by result (ok or failed)")
                .tag("issuer", issuer)
                .tag("result", ok ? "ok" : "failed")
                .register(registry)
                .increment();
    }

    public void refreshed(String result) {
        Counter.builder("vigil.jwt.refreshes")
                .description("Refresh token requests, by result")
                .tag("result", result)
                .register(registry)
                .increment();
    }

    public void reuseDetected() {
        reuse.increment();
    }
}
