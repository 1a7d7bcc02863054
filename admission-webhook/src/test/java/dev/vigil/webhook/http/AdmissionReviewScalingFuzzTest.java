package dev.vigil.webhook.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.testsupport.FuzzScaling;
import dev.vigil.webhook.admission.AdmissionRequestView;
import dev.vigil.webhook.admission.AdmissionReviewer;
import dev.vigil.webhook.admission.AdmissionSettings;
import dev.vigil.webhook.admission.NamespaceLabels;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Time-scaling fuzz target for the AdmissionReview body: decoding ({@link AdmissionReviewCodec#peek} and {@link
 * AdmissionReviewCodec#read}), then validation and mutation of the object. A shape the fuzzer chooses (a {@link
 * FuzzScaling.Pump}: prefix, unit, middle, unit, suffix), grown ten times, costs at most {@link
 * FuzzScaling#MAX_RATIO} times the CPU time, rejected or reviewed: the API server waits on every answer, and anyone
 * who reaches the port can send a body. Stored inputs run in every build; {@code benchmarks/fuzz.sh} fuzzes.
 */
class AdmissionReviewScalingFuzzTest {
    private static final AdmissionReviewCodec CODEC = new AdmissionReviewCodec();
    private static final AdmissionReviewer REVIEWER = new AdmissionReviewer(
            AdmissionSettings.standard(), NamespaceLabels.of(Map.of("opt-in", Map.of("vigil.dev/mutate", "true"))));

    static {
        REVIEWER.warmUp(); // one-time engine start-up is not a per-input cost
    }

    @FuzzTest(maxDuration = "5m")
    void scaling(byte[] input) {
        FuzzScaling.Pump pump = FuzzScaling.Pump.of(input);
        if (pump == null) {
            return;
        }
        FuzzScaling.linear(
                "admission review",
                pump,
                8_000,
                text -> {
                    byte[] body = text.getBytes(StandardCharsets.UTF_8);
                    CODEC.peek(body);
                    AdmissionRequestView view = CODEC.read(body);
                    REVIEWER.validate(view);
                    REVIEWER.mutate(view);
                },
                AdmissionReviewCodec.BadReviewException.class);
    }
}
