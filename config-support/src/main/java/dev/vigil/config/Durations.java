package dev.vigil.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of every Vigil configuration source ({@code .vigil.yaml}, {@code vigil.jwt.*} keys and
 * {@code VIGIL_JWT_*} variables, command-line flags): the union of what the modules accepted before it existed, so
 * no existing configuration breaks.
 *
 * <ul>
 *   <li>a number and a unit: {@code 500ms}, {@code 60s}, {@code 15m}, {@code 24h}, {@code 7d}, {@code 2w}, also
 *       {@code ns}, {@code us}/{@code µs}; units in any case ({@code 10S});
 *   <li>several of those in a row, with decimals, as Go writes them: {@code 1h30m}, {@code 1.5s}, {@code 2m0.5s};
 *   <li>ISO-8601 as {@link Duration#parse} reads it: {@code PT60S}, {@code P1DT2H}.
 * </ul>
 *
 * A bare number without a unit, a sign and surrounding text are refused; so is anything longer than 64 characters
 * or past {@link Long#MAX_VALUE} nanoseconds. Parsing is linear in the input's length.
 */
public final class Durations {
    /** The examples every error message shows. */
    public static final String EXAMPLES = "500ms, 60s, 15m, 24h, 7d, 2w, 1h30m or PT60S";

    private static final int MAX_LENGTH = 64;
    private static final Pattern PART = Pattern.compile("(\\d{1,18})(?:\\.(\\d{1,9}))?(ns|us|µs|ms|s|m|h|d|w)");

    private Durations() {}

    /** The duration {@code text} spells, or empty when it is not one (null included). */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String v = text.strip();
        if (v.isEmpty() || v.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (v.charAt(0) == 'P' || v.charAt(0) == 'p') {
            try {
                return Optional.of(Duration.parse(v));
            } catch (DateTimeParseException | ArithmeticException e) {
                return Optional.empty();
            }
        }
        String lower = v.toLowerCase(Locale.ROOT);
        Matcher m = PART.matcher(lower);
        Duration total = Duration.ZERO;
        int end = 0;
        try {
            while (end < lower.length() && m.region(end, lower.length()).lookingAt()) {
                total = total.plus(part(m.group(1), m.group(2), m.group(3)));
                end = m.end();
            }
            total.toNanos(); // within what every caller can store (about 292 years)
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
        return end == lower.length() ? Optional.of(total) : Optional.empty();
    }

    /**
     * The duration {@code text} spells.
     *
     * @throws IllegalArgumentException {@code '<text>' is not a duration, expected e.g. 500ms, …}
     */
    public static Duration parseOrThrow(String text) {
        return parse(text)
                .orElseThrow(() ->
                        new IllegalArgumentException("'" + text + "' is not a duration, expected e.g. " + EXAMPLES));
    }

    private static Duration part(String whole, String fraction, String unit) {
        long unitNanos = switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> 604_800_000_000_000L; // w
        };
        BigDecimal amount = new BigDecimal(fraction == null ? whole : whole + "." + fraction);
        return Duration.ofNanos(
                amount.multiply(BigDecimal.valueOf(unitNanos)).toBigInteger().longValueExact());
    }
}
