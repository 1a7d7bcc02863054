package dev.vigil.metrics.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** What a scrape asks for: the exposition format (by Accept), gzip (by Accept-Encoding) and the name[] filter. */
public final class ScrapeRequest {
    /** Prometheus text exposition format 0.0.4. */
    public static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** OpenMetrics text 1.0.0. */
    public static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private static final String[] SAMPLE_SUFFIXES = {"_total", "_info", "_created"};

    private final String contentType;
    private final boolean gzip;
    private final Set<String> names;

    private ScrapeRequest(String contentType, boolean gzip, Set<String> names) {
        this.contentType = contentType;
        this.gzip = gzip;
        this.names = names;
    }

    /** Reads the three request parts; each may be null. */
    public static ScrapeRequest of(String accept, String acceptEncoding, String rawQuery) {
        String type = accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text")
                ? OPENMETRICS
                : TEXT;
        boolean gzip = acceptEncoding != null && acceptsGzip(acceptEncoding);
        return new ScrapeRequest(type, gzip, names(rawQuery));
    }

    private static boolean acceptsGzip(String header) {
        for (String part : header.split(",")) {
            String[] p = part.trim().split(";");
            if (p.length > 0 && p[0].trim().equalsIgnoreCase("gzip")) {
                return p.length < 2 || !p[1].replace(" ", "").equals("q=0");
            }
        }
        return false;
    }

    /** The URL-decoded text, or null for a malformed escape (that pair is ignored, as a pair without '='). */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Set<String> names(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = decode(pair.substring(0, eq));
            if ("name[]".equals(key)) {
                String name = decode(pair.substring(eq + 1));
                if (name == null) {
                    continue;
                }
                names.add(name);
                // the registry filters on family names: counters and info metrics drop their sample suffix
                for (String suffix : SAMPLE_SUFFIXES) {
                    if (name.endsWith(suffix)) {
                        names.add(name.substring(0, name.length() - suffix.length()));
                    }
                }
            }
        }
        return names.isEmpty() ? null : Set.copyOf(names);
    }

    /** The content type to answer with. */
    public String contentType() {
        return contentType;
    }

    /** Whether to gzip the body. */
    public boolean gzip() {
        return gzip;
    }

    /** The metric names asked for, or null for all. */
    public Set<String> names() {
        return names;
    }
}
