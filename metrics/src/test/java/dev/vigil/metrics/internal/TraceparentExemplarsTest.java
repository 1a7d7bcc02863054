package dev.vigil.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceparentExemplarsTest {
    private static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void parsesAValidSampledHeader() {
        TraceparentExemplars.Context c = TraceparentExemplars.parse(" " + TRACE + " ");
        assertThat(c).isNotNull();
        assertThat(c.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(c.spanId()).isEqualTo("b7ad6b7169203331");
        assertThat(c.sampled()).isTrue();
        assertThat(TraceparentExemplars.parse(TRACE.replace("-01", "-00")).sampled())
                .isFalse();
        assertThat(TraceparentExemplars.parse(TRACE + "-future-field")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331",
                "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01",
                "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "00-00000000000000000000000000000000-b7ad6b7169203331-01",
                "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",
                "00_0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0g",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01x"
            })
    void refusesMalformedHeaders(String header) {
        assertThat(TraceparentExemplars.parse(header)).isNull();
    }

    @Test
    void theRegistrySamplesExemplarsWithItsOwnSampler() {
        PrometheusMeterRegistry registry = TraceparentExemplars.newRegistry(true);
        assertThat(TraceparentExemplars.installSampler(registry, new TraceparentExemplars()))
                .as("this Micrometer version takes the scheduler-free sampler")
                .isTrue();
        Timer timer = Timer.builder("calls")
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(50))
                .register(registry);
        timer.record(20, TimeUnit.MILLISECONDS); // no trace: no exemplar
        TraceparentExemplars.with(
                TraceparentExemplars.parse(TRACE.replace("-01", "-00")), () -> timer.record(1, TimeUnit.MILLISECONDS));
        String none = registry.scrape("application/openmetrics-text; version=1.0.0");
        assertThat(none).doesNotContain("trace_id");
        TraceparentExemplars.with(TraceparentExemplars.parse(TRACE), () -> timer.record(30, TimeUnit.MILLISECONDS));
        String om = registry.scrape("application/openmetrics-text; version=1.0.0");
        assertThat(om)
                .contains("calls_seconds_bucket{le=\"0.05\"} 3 # {span_id=\"b7ad6b7169203331\","
                        + "trace_id=\"0af7651916cd43dd8448eb211c80319c\"} 0.03 ");
        registry.close();
    }
}
