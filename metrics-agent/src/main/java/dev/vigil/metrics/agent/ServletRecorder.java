package dev.vigil.metrics.agent;

import dev.vigil.metrics.HttpServerMetrics;
import dev.vigil.metrics.internal.RouteNormalizer;

/**
 * The bridge between the inlined servlet advice and the library. Public because the advice code runs inside the
 * container's classes; only plain JDK types cross it, so the agent never needs the servlet API of the application.
 */
public final class ServletRecorder {
    /** Request attribute marking a request that is already being timed (forwards, includes, async re-dispatch). */
    public static final String TIMED = "dev.vigil.metrics.timed";
    /** Spring MVC's best matching pattern attribute. */
    public static final String SPRING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    private static volatile HttpServerMetrics http;

    private ServletRecorder() {}

    static void install(HttpServerMetrics metrics) {
        http = metrics;
    }

    /** Start time for a request the advice has not seen before. */
    public static long start() {
        return System.nanoTime();
    }

    /**
     * Records a finished request, called from the code {@link ServletServiceWrapper} adds to {@code HttpServlet}.
     *
     * @param springPattern Spring MVC's best matching pattern attribute, or null
     * @param mappingMatch the servlet mapping's match type name ({@code EXACT}, {@code PATH}, ...), or null
     * @param mappingPattern the servlet mapping's pattern, or null
     */
    public static void record(
            long startNanos,
            String method,
            Object springPattern,
            String mappingMatch,
            String mappingPattern,
            String requestUri,
            String contextPath,
            int status,
            Throwable thrown) {
        String template = springPattern instanceof String
                ? (String) springPattern
                : "EXACT".equals(mappingMatch) ? mappingPattern : null;
        record(startNanos, method, template, requestUri, contextPath, status, thrown);
    }

    /**
     * Records a finished request. Never throws.
     *
     * @param template route template known from the framework or the servlet mapping, or null
     */
    public static void record(
            long startNanos,
            String method,
            String template,
            String requestUri,
            String contextPath,
            int status,
            Throwable thrown) {
        HttpServerMetrics h = http;
        if (h == null) {
            long end = System.nanoTime();
            EarlyMeasurements.add(
                    () -> record(h(), end - startNanos, method, template, requestUri, contextPath, status, thrown));
            return;
        }
        record(h, System.nanoTime() - startNanos, method, template, requestUri, contextPath, status, thrown);
    }

    private static HttpServerMetrics h() {
        return http;
    }

    private static void record(
            HttpServerMetrics h,
            long nanos,
            String method,
            String template,
            String requestUri,
            String contextPath,
            int status,
            Throwable thrown) {
        if (h == null) {
            return;
        }
        try {
            int s = thrown != null && status < 400 ? 500 : status;
            h.record(method, RouteNormalizer.route(template, requestUri, contextPath, s), s, thrown, nanos);
        } catch (Throwable ignored) {
            // never into the application
        }
    }
}
