package dev.vigil.metrics.agent;

import dev.vigil.metrics.HttpServerMetrics;
import dev.vigil.metrics.internal.RouteNormalizer;

/**
 * The bridge between the code woven into {@code HttpServlet} and the library. Public because that code runs inside
 * the container's classes; only plain JDK types cross it, so the agent never needs the application's servlet API.
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
     * @param traceparent the W3C trace context header, or null
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
            Throwable thrown,
            String traceparent) {
        String template = springPattern instanceof String
                ? (String) springPattern
                : "EXACT".equals(mappingMatch) ? mappingPattern : null;
        measure(startNanos, method, template, requestUri, contextPath, status, thrown, traceparent);
    }

    /**
     * Records a finished request, called from the Byte Buddy advice (runtime attach). Never throws.
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
        measure(startNanos, method, template, requestUri, contextPath, status, thrown, null);
    }

    private static void measure(
            long startNanos,
            String method,
            String template,
            String requestUri,
            String contextPath,
            int status,
            Throwable thrown,
            String traceparent) {
        long nanos = System.nanoTime() - startNanos;
        HttpServerMetrics h = http;
        if (h == null) {
            EarlyMeasurements.add(
                    () -> measure(http, nanos, method, template, requestUri, contextPath, status, thrown, null));
            return;
        }
        measure(h, nanos, method, template, requestUri, contextPath, status, thrown, traceparent);
    }

    private static void measure(
            HttpServerMetrics h,
            long nanos,
            String method,
            String template,
            String requestUri,
            String contextPath,
            int status,
            Throwable thrown,
            String traceparent) {
        if (h == null) {
            return;
        }
        try {
            int s = thrown != null && status < 400 ? 500 : status;
            String uri = RouteNormalizer.route(template, requestUri, contextPath, s);
            h.record(method, uri, s, thrown, nanos, traceparent);
        } catch (Throwable ignored) {
            // never into the application
        }
    }
}
