package dev.vigil.webhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.testsupport.FuzzProperties;
import dev.vigil.webhook.admission.AdmissionRequestView;
import dev.vigil.webhook.admission.AdmissionReviewer;
import dev.vigil.webhook.admission.AdmissionSettings;
import dev.vigil.webhook.admission.NamespaceLabels;
import java.util.Map;

/**
 * Fuzz target for the body an API server (or anyone who reaches the port) sends: {@link AdmissionReviewCodec#read}
 * either yields a request or a {@link AdmissionReviewCodec.BadReviewException} (a 400 with one line), never another
 * exception; {@link AdmissionReviewCodec#peek} never throws and agrees with {@code read} on the uid; a decoded request
 * is validated and mutated without escaping. Stored inputs run in every build; {@code benchmarks/fuzz.sh} fuzzes.
 */
class AdmissionReviewFuzzTest {
    private static final AdmissionReviewCodec CODEC = new AdmissionReviewCodec();
    private static final AdmissionReviewer REVIEWER = new AdmissionReviewer(
            AdmissionSettings.standard(), NamespaceLabels.of(Map.of("opt-in", Map.of("vigil.dev/mutate", "true"))));

    static {
        REVIEWER.warmUp(); // one-time engine start-up is not a per-input cost
    }

    @FuzzTest(maxDuration = "5m")
    void admissionReview(byte[] body) {
        FuzzProperties.check("peek", () -> CODEC.peek(body));
        Throwable bad = FuzzProperties.check(
                "review",
                () -> {
                    AdmissionRequestView view = CODEC.read(body);
                    assertThat(CODEC.peek(body).uid()).isEqualTo(view.uid());
                    assertThat(REVIEWER.validate(view)).isNotNull();
                    REVIEWER.mutate(view);
                },
                AdmissionReviewCodec.BadReviewException.class);
        if (bad != null) {
            assertThat(bad.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }
}
