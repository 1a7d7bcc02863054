package dev.vigil.jwt.internal;

import java.time.Duration;

/**
 * How key sets are cached: {@code ttl} when the server sends no max-age, max-age clamped to
 * [{@code minTtl}, {@code maxTtl}], last-good keys served up to {@code maxStale} past expiry, refetches caused by
 * unknown kids or failed signatures started at most once per {@code unknownKidInterval} (a kid a later fetch still
 * lacks is refused for {@code negativeKidTtl}), failed fetches retried no sooner than {@code retryAfter}, each
 * fetch complete (connect, headers, body) within {@code fetchTimeout}.
 */
public record KeySetPolicy(
        Duration ttl,
        Duration minTtl,
        Duration maxTtl,
        Duration maxStale,
        Duration unknownKidInterval,
        Duration negativeKidTtl,
        Duration retryAfter,
        Duration fetchTimeout) {

    public static KeySetPolicy defaults() {
        return new KeySetPolicy(
                Duration.ofMinutes(10),
                Duration.ofMinutes(1),
                Duration.ofHours(24),
                Duration.ofHours(6),
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5));
    }

    Duration clampTtl(Duration maxAge) {
        if (maxAge == null) {
            return ttl;
        }
        if (maxAge.compareTo(minTtl) < 0) {
            return minTtl;
        }
        return maxAge.compareTo(maxTtl) > 0 ? maxTtl : maxAge;
    }
}
