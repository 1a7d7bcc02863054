package dev.vigil.metrics.agent.guard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * One guard event in Falco's JSON output shape: {@code time} (RFC 3339, nanoseconds, UTC), {@code rule},
 * {@code priority}, {@code output}, {@code output_fields}, {@code source} ({@code vigil-jvm}), {@code tags} (with
 * {@code detected} or {@code blocked}) and {@code hostname}; written as one line.
 */
final class GuardEvent {
    static final String SOURCE = "vigil-jvm";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    private GuardEvent() {}

    /** The event as one line of JSON (no line break inside). */
    static String json(
            Instant time,
            String rule,
            String priority,
            String output,
            Map<String, String> fields,
            List<String> tags,
            String hostname) {
        StringBuilder b = new StringBuilder(256 + output.length());
        b.append("{\"time\":");
        string(b, TIME.format(time));
        b.append(",\"rule\":");
        string(b, rule);
        b.append(",\"priority\":");
        string(b, priority);
        b.append(",\"output\":");
        string(b, output);
        b.append(",\"output_fields\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            string(b, e.getKey());
            b.append(':');
            string(b, e.getValue());
        }
        b.append("},\"source\":");
        string(b, SOURCE);
        b.append(",\"tags\":[");
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            string(b, tags.get(i));
        }
        b.append("],\"hostname\":");
        string(b, hostname);
        return b.append('}').toString();
    }

    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c)
                                && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1))) {
                            b.append(c).append(s.charAt(++i));
                        } else {
                            b.append(String.format("\\u%04x", (int) c));
                        }
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }
}
