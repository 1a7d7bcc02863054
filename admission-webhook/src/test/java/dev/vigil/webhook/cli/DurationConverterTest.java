package dev.vigil.webhook.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The flags' durations: every form the converter read before, more forms of the shared grammar, the same error. */
class DurationConverterTest {
    final DurationConverter converter = new DurationConverter();

    @Test
    void readsTheFormsItAlwaysRead() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert(" 5s ")).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void readsTheSharedGrammar() {
        assertThat(converter.convert("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("PT20S")).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void refusesWithTheMessageItAlwaysGave() {
        assertThatThrownBy(() -> converter.convert("soon"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("'soon' is not a duration; expected e.g. 500ms, 10s, 2m or 1h");
    }
}
