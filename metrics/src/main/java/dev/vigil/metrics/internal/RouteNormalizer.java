package dev.vigil.metrics.internal;

import java.nio.charset.StandardCharsets;

/**
 * Picks the {@code uri} tag of a request: a known route template first, else a normalised path. Never returns the raw
 * path or the query string.
 */
public final class RouteNormalizer {
    private static final int MAX_SEGMENTS = 12;
    private static final int MAX_SEGMENT_LENGTH = 64;

    private RouteNormalizer() {}

    /**
     * The {@code uri} tag of a request.
     *
     * @param template a route template known from the framework (Spring MVC, JAX-RS, servlet mapping), or null
     * @param requestUri the request URI as received (may contain a query)
     * @param contextPath the servlet context path, stripped from the front; may be null
     * @param status the response status: 404 without template becomes {@code NOT_FOUND}, 3xx {@code REDIRECTION}
     */
    public static String route(String template, String requestUri, String contextPath, int status) {
        if (template != null && !template.isEmpty()) {
            return template;
        }
        if (status == 404) {
            return "NOT_FOUND";
        }
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        if (requestUri == null) {
            return "UNKNOWN";
        }
        String path = requestUri;
        // only a whole leading segment sequence: "/" (a root context as some integrations report it) or "/app" before
        // "/application/x" would otherwise eat the path's own leading slash or part of its first segment
        if (contextPath != null
                && !contextPath.isEmpty()
                && path.startsWith(contextPath)
                && (path.length() == contextPath.length() || path.charAt(contextPath.length()) == '/')) {
            path = path.substring(contextPath.length());
        }
        String normalized = normalize(path);
        return normalized.isEmpty() ? "/" : normalized;
    }

    /**
     * Replaces identifier-like path segments with {@code {id}}: numbers, UUIDs, hex strings of 16+ characters and
     * long tokens containing a digit. Drops the query and matrix parameters, and keeps at most 12 segments.
     *
     * <p>The request URI arrives as the client sent it (containers hand it over undecoded and unnormalised), so the
     * path is first brought to the form the container mapped: percent-escapes decoded ({@code /items/%34%32} is
     * {@code /items/42}), empty and {@code .} segments dropped, {@code ..} resolved. Otherwise an encoded identifier
     * would reach the label raw and {@code //items/1}, {@code /items/./1} or {@code /p/../items/1} would each be a
     * route of its own.
     */
    public static String normalize(String path) {
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        StringBuilder out = new StringBuilder(Math.min(end, 256));
        int[] starts = new int[MAX_SEGMENTS];
        int kept = 0;
        int start = 0;
        while (start < end) {
            int slash = path.indexOf('/', start);
            int segEnd = slash < 0 || slash > end ? end : slash;
            int to = segEnd;
            boolean escaped = false;
            for (int i = start; i < to; i++) {
                char c = path.charAt(i);
                if (c == ';') {
                    to = i; // matrix parameters
                } else if (c == '%') {
                    escaped = true;
                }
            }
            String s = path;
            int from = start;
            if (escaped) {
                s = decode(path, start, to);
                from = 0;
                to = s.length();
            }
            start = segEnd + 1;
            if (to == from || (to - from == 1 && s.charAt(from) == '.')) {
                continue;
            }
            if (to - from == 2 && s.charAt(from) == '.' && s.charAt(from + 1) == '.') {
                if (kept > 0) {
                    out.setLength(starts[--kept]);
                }
                continue;
            }
            if (kept == MAX_SEGMENTS) {
                out.append("/{rest}");
                return out.toString();
            }
            starts[kept++] = out.length();
            if (out.length() > 0 || path.startsWith("/")) {
                out.append('/');
            }
            appendSegment(out, s, from, to);
        }
        if (end > 0 && path.charAt(end - 1) == '/' && (out.length() == 0 || out.charAt(out.length() - 1) != '/')) {
            out.append('/');
        }
        return out.length() == 0 && end > 0 && path.charAt(0) == '/' ? "/" : out.toString();
    }

    private static void appendSegment(StringBuilder out, String path, int from, int to) {
        if (isIdentifier(path, from, to)) {
            out.append("{id}");
        } else if (to - from > MAX_SEGMENT_LENGTH) {
            out.append("{id}");
        } else {
            out.append(path, from, to);
        }
    }

    /**
     * Percent-decodes {@code path[from, to)} as UTF-8; a malformed escape is kept as it is, and a segment that would
     * decode to control characters, invalid UTF-8 or a character with a meaning in a path ({@code / ? # ; %}: the
     * route would read as another path, and normalising it again would change it) stays escaped as a whole.
     */
    private static String decode(String path, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        byte[] bytes = new byte[(to - from) / 3];
        int i = from;
        while (i < to) {
            int n = 0;
            while (i + 2 < to && path.charAt(i) == '%' && hex(path, i + 1) >= 0 && hex(path, i + 2) >= 0) {
                bytes[n++] = (byte) (hex(path, i + 1) << 4 | hex(path, i + 2));
                i += 3;
            }
            if (n > 0) {
                out.append(new String(bytes, 0, n, StandardCharsets.UTF_8));
            } else {
                out.append(path.charAt(i++));
            }
        }
        for (int k = 0; k < out.length(); k++) {
            char c = out.charAt(k);
            if (Character.isISOControl(c) || c == '\uFFFD' || "/?#;%".indexOf(c) >= 0) {
                return path.substring(from, to);
            }
        }
        return out.toString();
    }

    private static int hex(String s, int i) {
        return Character.digit(s.charAt(i), 16);
    }

    static boolean isIdentifier(String s, int from, int to) {
        int len = to - from;
        if (len == 0) {
            return false;
        }
        boolean allDigits = true;
        boolean allHex = true;
        int digits = 0;
        boolean uuidShape = len == 36;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean hex = digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (digit) {
                digits++;
            }
            allDigits &= digit;
            allHex &= hex;
            int pos = i - from;
            if (uuidShape) {
                boolean dashPos = pos == 8 || pos == 13 || pos == 18 || pos == 23;
                uuidShape = dashPos ? c == '-' : hex;
            }
        }
        if (allDigits || uuidShape || (allHex && len >= 16)) {
            return true;
        }
        // long opaque tokens (base64url ids, hashes with separators) that contain digits
        return len >= 20 && digits >= 2 && isTokenChars(s, from, to);
    }

    private static boolean isTokenChars(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '=' || c == '.' || c == '~')) {
                return false;
            }
        }
        return true;
    }
}
