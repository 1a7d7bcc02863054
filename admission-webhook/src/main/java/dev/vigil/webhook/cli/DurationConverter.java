package dev.vigil.webhook.cli;

import dev.vigil.config.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads a duration in the shared grammar ({@link Durations}): {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, … */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Durations.parse(value)
                .orElseThrow(() -> new CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration; expected e.g. 500ms, 10s, 2m or 1h"));
    }
}
