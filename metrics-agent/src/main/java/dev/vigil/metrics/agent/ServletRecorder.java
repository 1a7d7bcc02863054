package dev.vigil.metrics.agent;

import dev.vigil.metrics.HttpServerMetrics;
import dev.vigil.metrics.internal.JaxRsTemplates;
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
    /** Set once when the runtime guard is on: then the request being served is kept per thread for its events. */
    private static volatile boolean trackRequests;

    private static final ThreadLocal<Object> REQUEST = new ThreadLocal<>();

    private ServletRecorder() {}

    static void install(HttpServerMetrics metrics) {
        http = metrics;
    }

    /** Start time for a request the advice has not seen before; forgets any JAX-RS route left on this thread. */
    public static long start() {
        try {
            JaxRsRoutes.clear();
        } catch (Throwable ignored) {
            // never into the application
        }
        return System.nanoTime();
    }

    /**
     * Like {@link #start()}, and keeps {@code request} as this thread's current request while the runtime guard is on
     * (until {@code record}).
     */
    public static long start(Object request) {
        if (trackRequests) {
            REQUEST.set(request);
        }
        return start();
    }

    /** Keeps the request being served per thread from now on (the runtime guard reads its route and method). */
    public static void trackRequests() {
        trackRequests = true;
    }

    /** The request this thread is serving (outermost), or null; always null while the guard is off. */
    public static Object currentRequest() {
        return trackRequests ? REQUEST.get() : null;
    }

    /** Whether the request being served is kept per thread (the runtime guard is on). */
    public static boolean tracksRequests() {
        return trackRequests;
    }

    /**
     * Makes {@code request} (a WebFlux request, see {@link WebFluxRecorder}) this thread's current request while a
     * reactive handler runs on it; returns the one it replaces, for {@link #leave}.
     */
    public static Object enter(Object request) {
        Object previous = REQUEST.get();
        REQUEST.set(request);
        return previous;
    }

    /** Restores the current request {@link #enter} replaced. */
    public static void leave(Object previous) {
        REQUEST.set(previous);
    }

    /**
     * Records a finished request, or, when the request went asynchronous, returns the listener that records it when
     * the async cycle ends; called from the code {@link ServletServiceWrapper} adds to {@code HttpServlet} and the
     * container's {@code FilterChain}, and from the Byte Buddy advice (runtime attach). Never throws.
     *
     * @param springPattern Spring MVC's best matching pattern attribute, or null
     * @param mappingMatch the servlet mapping's match type name ({@code EXACT}, {@code PATH}, ...), or null
     * @param mappingPattern the servlet mapping's pattern, or null
     * @param traceparent the W3C trace context header, or null
     * @param servletPrefix the servlet path in front of a JAX-RS route ({@link #servletPrefix}), or null
     * @param asyncListener the container's {@code AsyncListener} interface when {@code isAsyncStarted()}, else null
     * @param response the servlet response (read for the final status when the async cycle ends)
     * @return an {@code AsyncListener} to add to the request's {@code AsyncContext}, or null when recorded now
     */
    public static Object record(
            long startNanos,
            String method,
            Object springPattern,
            String mappingMatch,
            String mappingPattern,
            String requestUri,
            String contextPath,
            int status,
            Throwable thrown,
            String traceparent,
            String servletPrefix,
            Class<?> asyncListener,
            Object response) {
        return record(
                startNanos,
                method,
                springPattern,
                mappingMatch,
                mappingPattern,
                requestUri,
                contextPath,
                status,
                thrown,
                null,
                null,
                traceparent,
                servletPrefix,
                asyncListener,
                response);
    }

    /**
     * Like the other {@code record}, with the exception the framework handled into an error reply: Spring MVC's
     * {@code DispatcherServlet.EXCEPTION} and the container's {@code …servlet.error.exception} request attributes
     * (labelled when the status is 400 or more and nothing escaped).
     */
    public static Object record(
            long startNanos,
            String method,
            Object springPattern,
            String mappingMatch,
            String mappingPattern,
            String requestUri,
            String contextPath,
            int status,
            Throwable thrown,
            Object springError,
            Object containerError,
            String traceparent,
            String servletPrefix,
            Class<?> asyncListener,
            Object response) {
        if (trackRequests) {
            REQUEST.set(null); // not remove(): the thread's entry stays, so the next request allocates nothing
        }
        try {
            String template = template(springPattern, mappingMatch, mappingPattern, servletPrefix);
            if (asyncListener != null && thrown == null) {
                Object listener = AsyncTimer.listener(
                        asyncListener, startNanos, method, template, requestUri, contextPath, traceparent, response);
                if (listener != null) {
                    return listener;
                }
            }
            if (thrown == null && asyncListener == null) {
                Throwable handled = Exceptions.labelled(null, status, springError, containerError);
                if (handled != null) { // an error status (400+): never forced to 500
                    measure(startNanos, method, template, requestUri, contextPath, status, handled, traceparent);
                    return null;
                }
            }
            measure(startNanos, method, template, requestUri, contextPath, status, thrown, traceparent);
        } catch (Throwable ignored) {
            // never into the application
        }
        return null;
    }

    /** An async listener could not be added: the request is recorded now, as far as it got. */
    public static void notListening(Object listener) {
        try {
            AsyncTimer.abandon(listener);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /**
     * The route template, in this order: Spring MVC's pattern, the JAX-RS route below the servlet prefix, the exact
     * servlet mapping; null when none is known (the path is then normalised). Takes the JAX-RS route of this thread.
     */
    static String template(Object springPattern, String mappingMatch, String mappingPattern, String servletPrefix) {
        String jaxrs = JaxRsRoutes.take();
        if (springPattern instanceof String) {
            return (String) springPattern;
        }
        if (jaxrs != null) {
            return JaxRsTemplates.join(servletPrefix, jaxrs);
        }
        return "EXACT".equals(mappingMatch) ? mappingPattern : null;
    }

    /**
     * Whether the woven code should read the servlet path for {@link #servletPrefix}: only when a JAX-RS resource
     * method handled the request, so other requests pay no extra request reads. Never throws.
     */
    public static boolean routePending() {
        try {
            return JaxRsRoutes.pending();
        } catch (Throwable t) {
            return false;
        }
    }

    /**
     * The part of the path in front of a JAX-RS route: the servlet path of a prefix mapping ({@code /api/*}:
     * {@code pathInfo} non-null), else nothing (a default {@code /} mapping's servlet path is the whole path).
     */
    public static String servletPrefix(String servletPath, String pathInfo) {
        return JaxRsTemplates.servletPrefix(servletPath, pathInfo);
    }

    static void measure(
            long startNanos,
            String method,
            String template,
            String requestUri,
            String contextPath,
            int status,
            Throwable thrown,
            String traceparent) {
        Throwable label = Exceptions.unwrap(thrown);
        long nanos = System.nanoTime() - startNanos;
        HttpServerMetrics h = http;
        if (h == null) {
            EarlyMeasurements.add(
                    () -> measure(http, nanos, method, template, requestUri, contextPath, status, label, null));
            return;
        }
        measure(h, nanos, method, template, requestUri, contextPath, status, label, traceparent);
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
