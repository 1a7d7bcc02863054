package dev.vigil.metrics.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.testsupport.FuzzScaling;
import java.util.Arrays;

/**
 * Time-scaling fuzz target for what a client sends the agent on every request: the path that becomes the {@code uri}
 * tag ({@link RouteNormalizer}), the scrape request's {@code name[]} query, Accept and Accept-Encoding ({@link
 * ScrapeRequest}), and {@code traceparent}. A shape the fuzzer chooses (a {@link FuzzScaling.Pump}), grown ten times,
 * costs at most {@link FuzzScaling#MAX_RATIO} times the CPU time: these run on the application's request threads.
 * The first byte picks the parser. Stored inputs run in every build; {@code benchmarks/fuzz.sh} fuzzes.
 */
class ScrapeScalingFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void scaling(byte[] input) {
        if (input.length == 0) {
            return;
        }
        FuzzScaling.Pump pump = FuzzScaling.Pump.of(Arrays.copyOfRange(input, 1, input.length));
        if (pump == null) {
            return;
        }
        switch (Math.floorMod(input[0], 5)) {
            case 0 -> FuzzScaling.linear("route", pump, 2_000, text -> RouteNormalizer.route(null, text, "", 200));
            case 1 -> FuzzScaling.linear("name[] query", pump, 2_000, text -> ScrapeRequest.of(null, null, text));
            case 2 -> FuzzScaling.linear("Accept", pump, 2_000, text -> ScrapeRequest.of(text, null, null));
            case 3 -> FuzzScaling.linear("Accept-Encoding", pump, 2_000, text -> ScrapeRequest.of(null, text, null));
            default -> FuzzScaling.linear("traceparent", pump, 2_000, TraceparentExemplars::parse);
        }
    }
}
