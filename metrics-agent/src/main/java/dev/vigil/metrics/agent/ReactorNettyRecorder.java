package dev.vigil.metrics.agent;

import dev.vigil.metrics.HttpClientMetrics;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records Reactor Netty HTTP client calls as {@code http_client_requests_seconds}, from the moment the request is sent
 * until the response status is known (like {@code HttpURLConnection}), labelled with the method, the host only
 * ({@code client_name}), the status and, when no response came, the exception ({@code status="CLIENT_ERROR"}). A
 * request whose connection could not be had (refused, unknown host, connect time-out, TLS handshake, pool time-out) is
 * recorded the same way as the JDK's clients record it, timed from its subscription until Reactor Netty gave up. The
 * requests in flight are kept by identity, at most {@value #MAX_IN_FLIGHT} of each kind (more are not timed). Reads
 * Reactor Netty through reflection, with the methods found once per class. Never throws.
 */
public final class ReactorNettyRecorder {
    static final int MAX_IN_FLIGHT = 10_000;
    /** A connection attempt this old was abandoned (its subscriber cancelled): forgotten when room is needed. */
    static final long ABANDONED_NANOS = 10L * 60 * 1_000_000_000L;

    private static final Map<Object, Long> IN_FLIGHT = new ConcurrentHashMap<>();
    /** {@code HttpClientHandler}s whose request is not sent yet, with the time of their subscription. */
    private static final Map<Object, Long> CONNECTING = new ConcurrentHashMap<>();

    private static final Map<Class<?>, Api> APIS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, HandlerApi> HANDLER_APIS = new ConcurrentHashMap<>();
    private static volatile HttpClientMetrics http;
    private static volatile long lastSweep = System.nanoTime();

    private ReactorNettyRecorder() {}

    static void install(HttpClientMetrics metrics) {
        http = metrics;
    }

    /** A request was subscribed to: {@code handler} (a {@code HttpClientHandler}) is about to get a connection. */
    public static void connecting(Object handler) {
        try {
            if (handler != null && http != null) {
                long now = System.nanoTime();
                if (CONNECTING.size() >= MAX_IN_FLIGHT) {
                    forgetAbandoned(now);
                }
                if (CONNECTING.size() < MAX_IN_FLIGHT) {
                    CONNECTING.put(handler, now);
                }
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /**
     * Reactor Netty's retry filter saw {@code error} on {@code handler}'s connection {@code Mono}: when it does not
     * retry and the request was never sent, the connection could not be had, and that is recorded. A retry (a
     * redirect, an authentication, a reset pooled connection) starts a new connection attempt.
     */
    public static void connectionFailed(Object handler, Object error, boolean retried) {
        try {
            if (handler == null || http == null) {
                return;
            }
            long now = System.nanoTime();
            if (retried) {
                if (CONNECTING.size() < MAX_IN_FLIGHT) {
                    CONNECTING.putIfAbsent(handler, now);
                }
                return;
            }
            Long start = CONNECTING.isEmpty() ? null : CONNECTING.remove(handler);
            if (start != null) {
                HandlerApi api = HANDLER_APIS.computeIfAbsent(handler.getClass(), HandlerApi::new);
                HttpClientMetrics h = http;
                if (h != null && api.usable) {
                    Throwable t = error instanceof Throwable ? (Throwable) error : null;
                    h.record(api.method(handler), api.host(handler), 0, t, now - start);
                }
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** Attempts older than {@link #ABANDONED_NANOS}; at most one pass every ten seconds. */
    private static void forgetAbandoned(long now) {
        if (now - lastSweep < 10_000_000_000L) {
            return;
        }
        lastSweep = now;
        CONNECTING.values().removeIf(start -> now - start > ABANDONED_NANOS);
    }

    /** A request is about to be sent by {@code handler} on {@code operations} (a {@code HttpClientOperations}). */
    public static void sent(Object handler, Object operations) {
        try {
            if (handler != null && !CONNECTING.isEmpty()) {
                CONNECTING.remove(handler);
            }
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
                return hostOf((String) resourceUrl.invoke(ops));
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

    /** The host of {@code url} ({@code none} when there is none), never its path or query. */
    static String hostOf(String url) {
        if (url == null) {
            return "none";
        }
        try {
            String host = URI.create(url).getHost();
            if (host != null) {
                return host;
            }
        } catch (IllegalArgumentException e) {
            // a query or path the URI class refuses: the authority is still there
        }
        int start = url.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1); // no user information
        int close = authority.startsWith("[") ? authority.indexOf(']') : -1;
        int colon = close >= 0 ? authority.indexOf(':', close) : authority.indexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        return host.isEmpty() ? "none" : host;
    }

    /**
     * Reflective handles to one {@code HttpClientHandler} class: its {@code method} ({@code HttpMethod}) and
     * {@code toURI} ({@code UriEndpoint}, whose {@code toString} is the request's URL) fields.
     */
    private static final class HandlerApi {
        final boolean usable;
        Field method;
        Field toUri;

        HandlerApi(Class<?> type) {
            boolean ok;
            try {
                method = open(type.getDeclaredField("method"));
                toUri = open(type.getDeclaredField("toURI"));
                ok = true;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                ok = false;
            }
            usable = ok;
        }

        private static Field open(Field f) {
            if (!f.trySetAccessible()) {
                throw new IllegalStateException("not accessible: " + f);
            }
            return f;
        }

        String method(Object handler) {
            try {
                Object m = method.get(handler);
                return m == null ? "UNKNOWN" : m.toString(); // Netty's HttpMethod: its name
            } catch (Throwable t) {
                return "UNKNOWN";
            }
        }

        String host(Object handler) {
            try {
                Object uri = toUri.get(handler);
                return uri == null ? "none" : hostOf(uri.toString());
            } catch (Throwable t) {
                return "none";
            }
        }
    }
}
