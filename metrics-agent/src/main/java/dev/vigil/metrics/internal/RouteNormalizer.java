package dev.vigil.metrics.internal;

import java.util.regex.Pattern;

/** Turns a raw request path into a low-cardinality route when no template is known. */
public final class RouteNormalizer {
    private static final Pattern ID_SEGMENT = Pattern.compile(
            "[0-9]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{16,}");

    private RouteNormalizer() {}

    /** Replaces numeric, UUID and long hex path segments with {@code {id}}; drops the query. */
    public static String normalize(String path) {
        int query = path.indexOf('?');
        String p = query >= 0 ? path.substring(0, query) : path;
        String[] segments = p.split("/", -1);
        StringBuilder out = new StringBuilder(p.length());
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(ID_SEGMENT.matcher(segments[i]).matches() ? "{id}" : segments[i]);
        }
        return out.toString();
    }
}
