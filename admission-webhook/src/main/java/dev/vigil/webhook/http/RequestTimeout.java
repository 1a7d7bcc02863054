package dev.vigil.webhook.http;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the {@code ?timeout=} the API server appends to webhook calls (a Go duration such as {@code 10s}). */
final class RequestTimeout {
    /** The API server's default webhook timeout, used when no (or an unreadable) timeout is given. */
    static final Duration DEFAULT = Duration.ofSeconds(10);

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|us|µs|ns)");

    private RequestTimeout() {}

    static Duration parse(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT;
        }
        Matcher m = PART.matcher(value);
        double nanos = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double n = Double.parseDouble(m.group(1));
            nanos += n
                    * switch (m.group(2)) {
                        case "h" -> 3.6e12;
                        case "m" -> 6e10;
                        case "s" -> 1e9;
                        case "ms" -> 1e6;
                        case "us", "µs" -> 1e3;
                        default -> 1;
                    };
            end = m.end();
        }
        if (end != value.length() || nanos <= 0) {
            return DEFAULT;
        }
        return Duration.ofNanos((long) nanos);
    }
}
