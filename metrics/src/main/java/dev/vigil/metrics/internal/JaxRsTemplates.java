package dev.vigil.metrics.internal;

/**
 * Builds JAX-RS route templates from {@code @Path} values: joined with single slashes, a leading slash, no trailing
 * slash, and the regular expression of a parameter dropped ({@code {id: [0-9]+}} becomes {@code {id}}), so that the
 * template names the route, not the values it accepts.
 */
public final class JaxRsTemplates {
    private JaxRsTemplates() {}

    /**
     * Joins path parts ({@code @ApplicationPath} or servlet path, class {@code @Path}, method {@code @Path}, ...);
     * null and empty parts are skipped. Never returns an empty string: the root is {@code /}.
     */
    public static String join(String... parts) {
        StringBuilder out = new StringBuilder(64);
        for (String part : parts) {
            if (part != null) {
                appendPart(out, part);
            }
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /** Appends one {@code @Path} value: its segments, each after a single slash, parameter regexes dropped. */
    private static void appendPart(StringBuilder out, String part) {
        int i = 0;
        int n = part.length();
        while (i < n) {
            char c = part.charAt(i);
            if (c == '/') {
                i++;
                continue;
            }
            out.append('/');
            while (i < n && part.charAt(i) != '/') {
                char d = part.charAt(i);
                if (d == '{') {
                    i = appendParameter(out, part, i);
                } else {
                    out.append(d);
                    i++;
                }
            }
        }
    }

    /**
     * Appends {@code {name}} for a parameter starting at {@code open} (a {@code {}), skipping its {@code : regex} with
     * any nested braces ({@code {id: [0-9]{3}}}); returns the index after the closing brace.
     */
    private static int appendParameter(StringBuilder out, String part, int open) {
        int depth = 0;
        int colon = -1;
        int i = open;
        for (; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    break;
                }
            } else if (c == ':' && depth == 1 && colon < 0) {
                colon = i;
            }
        }
        if (i >= part.length()) {
            // unbalanced: keep the rest as it is rather than guess
            out.append(part, open, part.length());
            return part.length();
        }
        String name = part.substring(open + 1, colon < 0 ? i : colon).trim();
        out.append('{').append(name).append('}');
        return i + 1;
    }

    /**
     * The template of a request relative to the servlet mapping: the servlet path when the servlet is mapped by a
     * path prefix ({@code /api/*}: {@code pathInfo} non-null), else nothing.
     */
    public static String servletPrefix(String servletPath, String pathInfo) {
        return pathInfo == null || servletPath == null ? null : servletPath;
    }
}
