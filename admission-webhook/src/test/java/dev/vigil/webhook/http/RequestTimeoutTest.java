package dev.vigil.webhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The API server's {@code ?timeout=} (a Go duration) read with the shared grammar; anything else is the default. */
class RequestTimeoutTest {
    @ParameterizedTest
    @CsvSource({"10s, PT10S", "30s, PT30S", "1m30s, PT1M30S", "1.5s, PT1.5S", "500ms, PT0.5S", "250000us, PT0.25S"})
    void readsGoDurations(String value, String expected) {
        assertThat(RequestTimeout.parse(value)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0s", "10", "-5s", "ten", " 10s", "10s ", "1x"})
    void anythingElseIsTheApiServersDefault(String value) {
        assertThat(RequestTimeout.parse(value)).isEqualTo(RequestTimeout.DEFAULT);
    }

    @org.junit.jupiter.api.Test
    void noTimeoutIsTheDefault() {
        assertThat(RequestTimeout.parse(null)).isEqualTo(Duration.ofSeconds(10));
    }
}
