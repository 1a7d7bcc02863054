package dev.vigil.webhook.http;

import dev.vigil.config.Durations;
import java.time.Duration;

/**
 * Parses the {@code ?timeout=} the API server appends to webhook calls (a Go duration such as {@code 10s}), with the
 * shared duration grammar ({@link Durations}, which reads Go durations).
 */
final class RequestTimeout {
    /** The API server's default webhook timeout, used when no (or an unreadable) timeout is given. */
    static final Duration DEFAULT = Duration.ofSeconds(10);

    private RequestTimeout() {}

    static Duration parse(String value) {
        if (value == null || value.isEmpty() || !value.strip().equals(value)) {
            return DEFAULT;
        }
        return Durations.parse(value)
                .filter(d -> !d.isZero() && !d.isNegative())
                .orElse(DEFAULT);
    }
}
