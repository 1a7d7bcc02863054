package dev.vigil.metrics.agent;

import dev.vigil.metrics.HttpClientMetrics;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records Reactor Netty HTTP client calls as {@code http_client_requests_seconds}, from the moment the request is sent
 * until the response status is known (like {@code HttpURLConnection}), labelled with the method, the host only
 * ({@code client_name}), the status and, when no response came, the exception ({@code status="CLIENT_ERROR"}). The
 * requests in flight are kept by identity, at most {@value #MAX_IN_FLIGHT} (more are not timed). Reads Reactor Netty
 * through reflection, with the methods found once per class. Never throws.
 */
public final class ReactorNettyRecorder {
    static final int MAX_IN_FLIGHT = 10_000;
    private static final Map<Object, Long> IN_FLIGHT = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Api> APIS = new ConcurrentHashMap<>();
    private static volatile HttpClientMetrics http;

    private ReactorNettyRecorder() {}

    static void install(HttpClientMetrics metrics) {
        http = metrics;
    }

    /** A request is about to be sent on {@code operations} (a {@code HttpClientOperations}). */
    public static void sent(Object operations) {
        try {
            if (operations != null && http != null && IN_FLIGHT.size() < MAX_IN_FLIGHT) {
                IN_FLIGHT.put(operations, System.nanoTime());
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** An inbound message arrived; the first one after {@link #sent} is the response head. */
    public static void received(Object operations) {
        try {
            Long start = IN_FLIGHT.isEmpty() ? null : IN_FLIGHT.remove(operations);
            if (start != null) {
                Api api = APIS.computeIfAbsent(operations.getClass(), Api::new);
                record(api, operations, api.status(operations), null, start);
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** The request failed before a response (or the connection closed before one: {@code error} null). */
    public static void failed(Object operations, Throwable error) {
        try {
            Long start = IN_FLIGHT.isEmpty() ? null : IN_FLIGHT.remove(operations);
            if (start != null) {
                Api api = APIS.computeIfAbsent(operations.getClass(), Api::new);
                record(api, operations, 0, error != null ? error : new PrematureCloseException(), start);
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    private static void record(Api api, Object operations, int status, Throwable error, long start) {
        long nanos = System.nanoTime() - start;
        HttpClientMetrics h = http;
        if (h != null && api.usable) {
            h.record(api.method(operations), api.host(operations), status, error, nanos);
        }
    }

    /** The connection closed before the response head arrived (Reactor Netty's own name for it). */
    static final class PrematureCloseException extends IOException {
        private static final long serialVersionUID = 1L;

        PrematureCloseException() {
            super("connection closed before a response");
        }
    }

    /** Reflective handles to one {@code HttpClientOperations} class. */
    private static final class Api {
        final boolean usable;
        Method method;
        Method methodName;
        Method resourceUrl;
        Method status;
        Method code;

        Api(Class<?> type) {
            boolean ok;
            try {
                // HttpClientOperations is package-private: its public methods are opened, not looked up elsewhere
                method = open(type.getMethod("method"));
                methodName = method.getReturnType().getMethod("name");
                resourceUrl = open(type.getMethod("resourceUrl"));
                status = open(type.getMethod("status"));
                code = status.getReturnType().getMethod("code");
                ok = true;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                ok = false;
            }
            usable = ok;
        }

        private static Method open(Method m) {
            if (!m.trySetAccessible()) {
                throw new IllegalStateException("not accessible: " + m);
            }
            return m;
        }

        String method(Object ops) {
            try {
                Object m = method.invoke(ops);
                return m == null ? "UNKNOWN" : (String) methodName.invoke(m);
            } catch (Throwable t) {
                return "UNKNOWN";
            }
        }

        String host(Object ops) {
            try {
                String url = (String) resourceUrl.invoke(ops);
                String host = url == null ? null : URI.create(url).getHost();
                return host == null ? "none" : host;
            } catch (Throwable t) {
                return "none";
            }
        }

        int status(Object ops) {
            try {
                Object s = status.invoke(ops);
                return s == null ? 0 : (Integer) code.invoke(s);
            } catch (Throwable t) {
                return 0;
            }
        }
    }
}
