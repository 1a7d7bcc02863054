package dev.vigil.metrics.internal;

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
        if (contextPath != null && !contextPath.isEmpty() && path.startsWith(contextPath)) {
            path = path.substring(contextPath.length());
        }
        String normalized = normalize(path);
        return normalized.isEmpty() ? "/" : normalized;
    }

    /**
     * Replaces identifier-like path segments with {@code {id}}: numbers, UUIDs, hex strings of 16+ characters and
     * long tokens containing a digit. Drops the query and matrix parameters, and keeps at most 12 segments.
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
        int start = 0;
        int segments = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            int segEnd = slash < 0 || slash > end ? end : slash;
            if (segEnd > start) {
                if (segments++ == MAX_SEGMENTS) {
                    out.append("{rest}");
                    break;
                }
                appendSegment(out, path, start, segEnd);
            }
            if (segEnd == end) {
                break;
            }
            out.append('/');
            start = segEnd + 1;
        }
        return out.toString();
    }

    private static void appendSegment(StringBuilder out, String path, int from, int to) {
        int semicolon = path.indexOf(';', from);
        if (semicolon >= 0 && semicolon < to) {
            to = semicolon;
        }
        if (isIdentifier(path, from, to)) {
            out.append("{id}");
        } else if (to - from > MAX_SEGMENT_LENGTH) {
            out.append("{id}");
        } else {
            out.append(path, from, to);
        }
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
