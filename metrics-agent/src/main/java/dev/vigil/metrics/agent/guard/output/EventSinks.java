package dev.vigil.metrics.agent.guard.output;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/** Opens the sinks of {@code guard.output} values. */
public final class EventSinks {
    /**
     * Every thread the sinks start (the HTTP sink's sender and its HTTP client's tasks) has a name starting with this,
     * so a guard hook can leave the sinks' own connections alone.
     */
    public static final String THREAD_NAME_PREFIX = "vigil-guard-output";

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);
    private static final String EXPECTED = "expected stderr, stdout, a file path or an http(s):// URL";

    private EventSinks() {}

    /**
     * Opens one sink per spec, in order: {@code stderr}, {@code stdout}, an {@code http://} or {@code https://} URL
     * (one POST per event, asynchronous; https trusts the JVM's default trust store), or else a file path (appended
     * to; its folder must exist).
     *
     * @throws IllegalArgumentException with a one-line message naming the bad spec (URL credentials and queries are
     *     never shown); sinks already opened are closed first
     */
    public static List<EventSink> open(List<String> specs) {
        return open(specs, null);
    }

    /** {@link #open(List)} with the TLS context of https sinks (null: the JVM's default). */
    static List<EventSink> open(List<String> specs, SSLContext ssl) {
        List<EventSink> sinks = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try {
            for (String spec : specs == null ? List.<String>of() : specs) {
                String s = spec == null ? "" : spec.strip();
                if (!seen.add(s)) {
                    throw new IllegalArgumentException("guard.output '" + shown(s) + "': is given twice");
                }
                sinks.add(openOne(s, ssl));
            }
        } catch (RuntimeException e) {
            sinks.forEach(EventSink::close);
            throw e;
        }
        return sinks;
    }

    private static EventSink openOne(String spec, SSLContext ssl) {
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("guard.output '': is empty, " + EXPECTED);
        }
        if (spec.equals("stderr") || spec.equals("stdout")) {
            return new StreamSink(spec.equals("stdout"));
        }
        if (SCHEME.matcher(spec).matches()) {
            return http(spec, ssl);
        }
        if (spec.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                    "guard.output '" + shown(spec) + "': contains a control character, " + EXPECTED);
        }
        try {
            return FileSink.open(spec, Path.of(spec));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("guard.output '" + spec + "': is not a valid file path, " + EXPECTED);
        }
    }

    private static EventSink http(String spec, SSLContext ssl) {
        String scheme = spec.substring(0, spec.indexOf(':')).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(
                    "guard.output '" + shown(spec) + "': unsupported scheme '" + scheme + "', " + EXPECTED);
        }
        URI uri;
        try {
            uri = new URI(spec);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "guard.output '" + shown(spec) + "': is not a valid URL (" + e.getReason() + ")");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "guard.output '" + shown(spec) + "': has no host name, expected e.g. http://falcosidekick:2801/");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("guard.output '" + shown(spec) + "': has a #fragment, expected none");
        }
        if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
            uri = uri.resolve("/");
        }
        try {
            SSLContext context = ssl != null || !scheme.equals("https") ? ssl : SSLContext.getDefault();
            return new HttpSink(
                    uri, context, HttpSink.DEFAULT_QUEUE, HttpSink.CONNECT_TIMEOUT, HttpSink.REQUEST_TIMEOUT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("guard.output '" + shown(spec) + "': no TLS available (" + e + ")");
        }
    }

    /** The spec as it may be printed: a URL without user info and query. */
    static String shown(String spec) {
        String s = Lines.oneLine(spec).replaceAll("\\p{Cntrl}", " ");
        if (!SCHEME.matcher(s).matches()) {
            return s;
        }
        int scheme = s.indexOf("://") + 3;
        int pathStart = indexOfAny(s, "/?#", scheme);
        int at = s.lastIndexOf('@', pathStart < 0 ? s.length() - 1 : pathStart);
        if (at >= scheme) {
            s = s.substring(0, scheme) + "***@" + s.substring(at + 1);
        }
        int q = indexOfAny(s, "?#", scheme);
        return q < 0 ? s : s.substring(0, q + 1) + "…";
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
