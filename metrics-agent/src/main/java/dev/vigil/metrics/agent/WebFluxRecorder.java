package dev.vigil.metrics.agent;

import dev.vigil.metrics.HttpServerMetrics;
import dev.vigil.metrics.internal.RouteNormalizer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Records a Spring WebFlux request as {@code http_server_requests_seconds} when the {@code Mono} that
 * {@code HttpWebHandlerAdapter#handle} returned terminates (completes, fails or is cancelled), with the same tags as a
 * servlet request: {@code uri} is WebFlux's best matching pattern ({@code /items/{id}}), else the normalised path as for
 * servlets; {@code exception} is what escaped the handler, else, for an error status, the exception a {@code WebExceptionHandler}
 * handled into the reply (Spring's {@code ExceptionHandlingWebHandler.handledException} attribute, Spring Boot's
 * error attribute). Reads Spring and Reactor through reflection, with the methods found once per class loader. Never throws.
 */
public final class WebFluxRecorder {
    static final String PATTERN = "org.springframework.web.reactive.HandlerMapping.bestMatchingPattern";
    /** Set by Spring's {@code ExceptionHandlingWebHandler} (5.3+) and Spring Boot's error handler (3 and 4). */
    static final String[] HANDLED = {
        "ExceptionHandlingWebHandler.handledException",
        "org.springframework.boot.webflux.error.DefaultErrorAttributes.ERROR",
        "org.springframework.boot.web.reactive.error.DefaultErrorAttributes.ERROR"
    };

    private static final ThreadLocal<Object> EXCHANGE = new ThreadLocal<>();
    private static final Map<ClassLoader, Api> APIS = new ConcurrentHashMap<>();
    private static volatile HttpServerMetrics http;

    private WebFluxRecorder() {}

    static void install(HttpServerMetrics metrics) {
        http = metrics;
    }

    /** The exchange {@code createExchange} just built, for the {@code handle} call on this thread. */
    public static void exchangeCreated(Object exchange) {
        EXCHANGE.set(exchange);
    }

    /** The {@code Mono} to return instead of {@code mono}: the same, recorded when it terminates. */
    public static Object server(Object mono, Object request, Object response, long start) {
        Object exchange = EXCHANGE.get();
        EXCHANGE.remove();
        if (mono == null || request == null || response == null) {
            return mono;
        }
        try {
            ClassLoader loader = mono.getClass().getClassLoader();
            Api api = APIS.computeIfAbsent(loader == null ? ClassLoader.getSystemClassLoader() : loader, Api::new);
            if (!api.usable) {
                return mono;
            }
            Request r = new Request(api, request, response, exchange, start);
            Object withError = api.doOnError.invoke(mono, (Consumer<Object>) r::failed);
            Object recorded = api.doFinally.invoke(withError, (Consumer<Object>) r::finished);
            return api.requestContext ? api.withRequestContext(recorded, r) : recorded;
        } catch (Throwable t) {
            return mono;
        }
    }

    /** Whether {@code context} (from {@link ServletRecorder#currentRequest()}) is a WebFlux request. */
    public static boolean isRequest(Object context) {
        return context instanceof Request;
    }

    /**
     * Adds {@code http.method} and {@code http.route} of a WebFlux request (WebFlux's best matching pattern, else the
     * normalised path: the {@code uri} its metrics get) to {@code fields}. Never throws.
     */
    public static void describe(Object context, Map<String, String> fields) {
        if (!(context instanceof Request)) {
            return;
        }
        Request r = (Request) context;
        try {
            Object pattern = r.api.attribute(r.exchange, PATTERN);
            URI uri = (URI) r.api.getUri.invoke(r.request);
            String method = r.api.method(r.request);
            if (method != null) {
                fields.put("http.method", method);
            }
            fields.put(
                    "http.route",
                    RouteNormalizer.route(
                            pattern == null ? null : pattern.toString(),
                            uri == null ? "/" : uri.getRawPath(),
                            "",
                            200));
        } catch (Throwable ignored) {
            // no route: the event goes out without it
        }
    }

    /**
     * What the client sent of a WebFlux request that can be read without waiting for the body: the header values
     * (at most {@code max}) into {@code headerValues}; returns the raw query string, or null. Never throws.
     */
    public static String clientData(Object context, List<String> headerValues, int max) {
        if (!(context instanceof Request)) {
            return null;
        }
        Request r = (Request) context;
        try {
            Object headers = r.api.getHeaders.invoke(r.request);
            if (headers != null) {
                // Spring 6's HttpHeaders is a Map, Spring 7's is not; both have forEach(BiConsumer)
                Method forEach = headers.getClass().getMethod("forEach", BiConsumer.class);
                forEach.invoke(headers, (BiConsumer<Object, Object>) (name, values) -> {
                    if (values instanceof List) {
                        for (Object v : (List<?>) values) {
                            if (headerValues.size() < max) {
                                headerValues.add(String.valueOf(v));
                            }
                        }
                    }
                });
            }
            URI uri = (URI) r.api.getUri.invoke(r.request);
            return uri == null ? null : uri.getRawQuery();
        } catch (Throwable t) {
            return null;
        }
    }

    /**
     * While the runtime guard is on: Reactor schedules a task (publishOn, subscribeOn, delays) while a WebFlux request
     * is this thread's current request: the task runs with it as the current request too.
     */
    static Runnable carryRequest(Runnable task) {
        Object context = ServletRecorder.currentRequest();
        if (!(context instanceof Request)) {
            return task;
        }
        return () -> {
            Object previous = ServletRecorder.enter(context);
            try {
                task.run();
            } finally {
                ServletRecorder.leave(previous);
            }
        };
    }

    /** One request being timed. */
    private static final class Request {
        private final Api api;
        private final Object request;
        private final Object response;
        private final Object exchange;
        private final long start;
        private volatile Throwable error;

        Request(Api api, Object request, Object response, Object exchange, long start) {
            this.api = api;
            this.request = request;
            this.response = response;
            this.exchange = exchange;
            this.start = start;
        }

        void failed(Object t) {
            if (t instanceof Throwable) {
                error = (Throwable) t;
            }
        }

        void finished(Object signal) {
            try {
                long nanos = System.nanoTime() - start;
                HttpServerMetrics h = http;
                if (h == null) {
                    return;
                }
                int status = api.status(response, error != null ? 500 : 200);
                Object pattern = api.attribute(exchange, PATTERN);
                Throwable thrown = error;
                for (int i = 0; thrown == null && status >= 400 && i < HANDLED.length; i++) {
                    Object handled = api.attribute(exchange, HANDLED[i]);
                    thrown = handled instanceof Throwable ? (Throwable) handled : null;
                }
                URI uri = (URI) api.getUri.invoke(request);
                String template = pattern == null ? null : pattern.toString();
                String route = RouteNormalizer.route(template, uri == null ? "/" : uri.getRawPath(), "", status);
                h.record(
                        api.method(request), route, status, Exceptions.unwrap(thrown), nanos, api.traceparent(request));
            } catch (Throwable ignored) {
                // never into the application
            }
        }
    }

    /** Reflective handles to one class loader's Reactor and Spring Web. */
    private static final class Api {
        final boolean usable;
        /** The runtime guard is on and this class loader's Reactor can carry the request (see withRequestContext). */
        final boolean requestContext;

        Method doOnError;
        Method doFinally;
        Method getUri;
        Method getMethod;
        Method methodName;
        Method getHeaders;
        Method getFirst;
        Method getStatusCode;
        Method statusValue;
        Method getAttribute;
        Method fromDirect;
        Class<?> publisher;
        Method subscribe;

        Api(ClassLoader loader) {
            boolean ok;
            try {
                Class<?> mono = Class.forName("reactor.core.publisher.Mono", false, loader);
                doOnError = mono.getMethod("doOnError", Consumer.class);
                doFinally = mono.getMethod("doFinally", Consumer.class);
                Class<?> request = Class.forName("org.springframework.http.HttpRequest", false, loader);
                getUri = request.getMethod("getURI");
                getMethod = request.getMethod("getMethod");
                methodName = getMethod.getReturnType().getMethod("name");
                getHeaders = Class.forName("org.springframework.http.HttpMessage", false, loader)
                        .getMethod("getHeaders");
                getFirst = getHeaders.getReturnType().getMethod("getFirst", String.class);
                getStatusCode = Class.forName(
                                "org.springframework.http.server.reactive.ServerHttpResponse", false, loader)
                        .getMethod("getStatusCode");
                statusValue = getStatusCode.getReturnType().getMethod("value");
                getAttribute = Class.forName("org.springframework.web.server.ServerWebExchange", false, loader)
                        .getMethod("getAttribute", String.class);
                ok = true;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                ok = false;
            }
            usable = ok;
            boolean context = false;
            if (ok && ServletRecorder.tracksRequests()) {
                try {
                    publisher = Class.forName("org.reactivestreams.Publisher", false, loader);
                    subscribe = publisher.getMethod(
                            "subscribe", Class.forName("org.reactivestreams.Subscriber", false, loader));
                    fromDirect = Class.forName("reactor.core.publisher.Mono", false, loader)
                            .getMethod("fromDirect", publisher);
                    Class.forName("reactor.core.scheduler.Schedulers", false, loader)
                            .getMethod("onScheduleHook", String.class, Function.class)
                            .invoke(null, "vigil-guard-request", (Function<Runnable, Runnable>)
                                    WebFluxRecorder::carryRequest);
                    context = true;
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    AgentLog.warn("guard: WebFlux requests are not tracked: " + e);
                }
            }
            requestContext = context;
        }

        /**
         * {@code mono} subscribed with {@code request} as the subscribing thread's current request: the synchronous
         * part of the handler (and, through the schedule hook, the tasks it hands to Reactor's schedulers) runs with
         * it. A {@code Publisher} proxy from the application's own Reactive Streams, so the agent links against
         * neither Reactor nor Reactive Streams.
         */
        Object withRequestContext(Object mono, Object request) throws ReflectiveOperationException {
            Object source =
                    Proxy.newProxyInstance(publisher.getClassLoader(), new Class<?>[] {publisher}, (proxy, m, args) -> {
                        switch (m.getName()) {
                            case "subscribe":
                                Object previous = ServletRecorder.enter(request);
                                try {
                                    subscribe.invoke(mono, args[0]);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                } finally {
                                    ServletRecorder.leave(previous);
                                }
                                return null;
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            case "equals":
                                return proxy == args[0];
                            case "toString":
                                return String.valueOf(mono);
                            default:
                                return null;
                        }
                    });
            return fromDirect.invoke(null, source);
        }

        int status(Object response, int otherwise) {
            try {
                Object code = getStatusCode.invoke(response);
                return code == null ? otherwise : (Integer) statusValue.invoke(code);
            } catch (Throwable t) {
                return otherwise;
            }
        }

        Object attribute(Object exchange, String name) {
            try {
                return exchange == null ? null : getAttribute.invoke(exchange, name);
            } catch (Throwable t) {
                return null;
            }
        }

        String method(Object request) {
            try {
                Object m = getMethod.invoke(request);
                return m == null ? null : (String) methodName.invoke(m);
            } catch (Throwable t) {
                return null;
            }
        }

        String traceparent(Object request) {
            try {
                Object headers = getHeaders.invoke(request);
                return headers == null ? null : (String) getFirst.invoke(headers, "traceparent");
            } catch (Throwable t) {
                return null;
            }
        }
    }
}
