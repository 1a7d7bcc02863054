package dev.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    /** Every form one of the old grammars accepted, with what it meant there. */
    @ParameterizedTest(name = "{0} ({2})")
    @CsvSource({
        // jwt-filter PropertyReader: (\d{1,12})(ms|s|m|h|d), any case, or ISO-8601
        "500ms, PT0.5S, jwt",
        "60s, PT60S, jwt",
        "15m, PT15M, jwt",
        "24h, PT24H, jwt",
        "7d, PT168H, jwt",
        "10S, PT10S, jwt upper case",
        "' 5m ', PT5M, jwt trimmed",
        "999999999999ms, PT277777H46M39.999S, jwt twelve digits",
        "PT60S, PT60S, jwt ISO",
        "pt1m, PT1M, jwt ISO lower case",
        "P1DT2H, PT26H, jwt ISO days",
        // admission-webhook DurationConverter: (\d+)(ms|s|m|h)
        "250ms, PT0.25S, webhook",
        "10s, PT10S, webhook",
        "2m, PT2M, webhook",
        "1h, PT1H, webhook",
        // vuln-scanner maxDbAge: (\d{1,9})([smhdw])
        "45s, PT45S, vuln",
        "30m, PT30M, vuln",
        "12h, PT12H, vuln",
        "7d, PT168H, vuln",
        "2w, PT336H, vuln",
        // the API server's ?timeout= (Go durations, RequestTimeout)
        "1m30s, PT1M30S, go",
        "1.5s, PT1.5S, go",
        "2m0.5s, PT2M0.5S, go",
        "100us, PT0.0001S, go",
        "100µs, PT0.0001S, go",
        "7ns, PT0.000000007S, go",
    })
    void everyOldFormKeepsItsMeaning(String text, String iso, String where) {
        assertThat(Durations.parse(text)).hasValue(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "10",
                "s",
                "-5s",
                "+5s",
                "5 s",
                "5sec",
                "5y",
                "1.s",
                ".5s",
                "10s ago",
                "PT",
                "P1Y",
                "1m30",
                "9999999999999999999s",
                "999999999999999999w"
            })
    void refusesWhatNoGrammarAccepted(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void nullAndOverlongInputAreNotDurations() {
        assertThat(Durations.parse(null)).isEmpty();
        assertThat(Durations.parse("1s".repeat(40))).isEmpty();
        assertThat(Durations.parse("1s".repeat(32))).hasValue(Duration.ofSeconds(32));
    }

    @org.junit.jupiter.api.Test
    void parseOrThrowNamesTheTextAndTheExamples() {
        assertThatThrownBy(() -> Durations.parseOrThrow("soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'soon' is not a duration, expected e.g. 500ms, 60s, 15m, 24h, 7d, 2w, 1h30m or PT60S");
    }
}
