package dev.vigil.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The time-scaling property passes linear work and a one-off step, and fails quadratic work. */
class FuzzScalingTest {
    private static final FuzzScaling.Pump PUMP = FuzzScaling.Pump.of("[\0a\0]".getBytes(StandardCharsets.UTF_8));

    private static volatile long sink;

    /** CPU work proportional to {@code units} (a loop the JIT cannot drop: its result is published). */
    private static void spin(long units) {
        long x = 0;
        for (long i = 0; i < units; i++) {
            x += i ^ (x >>> 3);
        }
        sink = x;
    }

    @Test
    void linearWorkPasses() {
        assertThatCode(() -> FuzzScaling.linear("linear", PUMP, 20_000, text -> spin(text.length() * 200L)))
                .doesNotThrowAnyException();
    }

    @Test
    void quadraticWorkFailsNamingTheSizes() {
        assertThatThrownBy(() ->
                        FuzzScaling.linear("quadratic", PUMP, 200, text -> spin((long) text.length() * text.length())))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("quadratic: not linear")
                .hasMessageContaining("one size up");
    }

    @Test
    void aStepBetweenTheTwoSmallerSizesThatDoesNotGrowFurtherPasses() {
        // cheap below 100,000 chars, linear (and much dearer per char) above: ratio ~200 between 20,000 and
        // 200,000 chars, ~10 between 200,000 and 2,000,000
        assertThatCode(() -> FuzzScaling.linear(
                        "step",
                        PUMP,
                        20_000,
                        text -> spin(text.length() < 100_000 ? text.length() * 5L : text.length() * 100L)))
                .doesNotThrowAnyException();
    }
}
