package dev.vigil.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class JwtMetricsTest {
    @Test
    void everyMeterHasHelpTextAndCountsWhatHappened() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        JwtMetrics metrics = new JwtMetrics(registry);
        metrics.validated(null, 1_000);
        metrics.validated(Reason.values()[0], 2_000);
        metrics.cache(true);
        metrics.cache(false);
        metrics.fetched("https://issuer.example", true);
        metrics.refreshed("rotated");
        metrics.reuseDetected();

        assertThat(registry.getMeters())
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m.getId().getDescription())
                        .as("help text of %s", m.getId())
                        .isNotBlank());
        assertThat(registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName))
                .contains(
                        "vigil.jwt.validations",
                        "vigil.jwt.validation.latency",
                        "vigil.jwt.cache",
                        "vigil.jwt.keyset.fetches",
                        "vigil.jwt.refreshes",
                        "vigil.jwt.refresh.reuse.detected");
        assertThat(registry.get("vigil.jwt.validations")
                        .tag("result", "accepted")
                        .counter()
                        .count())
                .isEqualTo(1);
        // every event above lands on its own series, and nowhere else
        assertThat(registry.get("vigil.jwt.validations")
                        .tag("result", "rejected")
                        .tag("reason", Reason.values()[0].code())
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("vigil.jwt.validations").tag("result", "rejected").counters().stream()
                        .mapToDouble(c -> c.count())
                        .sum())
                .as("rejections over all reasons")
                .isEqualTo(1);
        assertThat(registry.get("vigil.jwt.validation.latency").timer().count()).isEqualTo(2);
        assertThat(registry.get("vigil.jwt.validation.latency")
                        .timer()
                        .totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
                .isEqualTo(3_000);
        assertThat(registry.get("vigil.jwt.cache")
                        .tag("result", "hit")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("vigil.jwt.cache")
                        .tag("result", "miss")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("vigil.jwt.refresh.reuse.detected").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("vigil.jwt.keyset.fetches")
                        .tag("issuer", "https://issuer.example")
                        .tag("result", "ok")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("vigil.jwt.refreshes")
                        .tag("result", "rotated")
                        .counter()
                        .count())
                .isEqualTo(1);
    }
}
