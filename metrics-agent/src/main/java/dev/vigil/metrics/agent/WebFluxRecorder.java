package dev.vigil.metrics.agent;

import dev.vigil.metrics.HttpServerMetrics;
import dev.vigil.metrics.internal.RouteNormalizer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
 * servlets; {@code exception} is what the {@code Mono} signalled (the error {@code handle} could not resolve), else, for
 * an error status, the exception a {@code WebExceptionHandler} handled into the reply (Spring's
 * {@code ExceptionHandlingWebHandler.handledException} attribute, Spring Boot's error attribute). Never throws.
 *
 * <p>Per request: one Reactor operator ({@code doFinally}, whose consumer is the request's own record, so nothing else
 * is allocated), and Spring and Reactor read through {@link MethodHandle}s resolved once per class loader (found by the
 * request's class); the exchange's attributes are read once, on the way out.
 */
public final class WebFluxRecorder {
    static final String PATTERN = "org.springframework.web.reactive.HandlerMapping.bestMatchingPattern";
    /** Set by Spring's {@code ExceptionHandlingWebHandler} (5.3+) and Spring Boot's error handler (3 and 4). */
    static final String[] HANDLED = {
        "ExceptionHandlingWebHandler.handledException",
        "org.springframework.boot.webflux.error.DefaultErrorAttributes.ERROR",
        "org.springframework.boot.web.reactive.error.DefaultErrorAttributes.ERROR"
    };
    /** The error {@code HttpWebHandlerAdapter#handleUnresolvedError} got: what the {@code Mono} signals, if it fails. */
    static final String UNRESOLVED = WebFluxRecorder.class.getName() + ".unresolvedError";

    private static final ThreadLocal<Object> EXCHANGE = new ThreadLocal<>();
    private static final Map<ClassLoader, Api> APIS = new ConcurrentHashMap<>();
    /** By the request's class: resolved once per class loader. */
    private static final ClassValue<Api> BY_CLASS = new ClassValue<>() {
        @Override
        protected Api computeValue(Class<?> type) {
            ClassLoader loader = type.getClassLoader();
            return APIS.computeIfAbsent(loader == null ? ClassLoader.getSystemClassLoader() : loader, Api::new);
        }
    };

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
        if (exchange != null) {
            EXCHANGE.set(null); // not remove(): the thread keeps its entry, nothing is allocated next time
        }
        if (mono == null || request == null || response == null) {
            return mono;
        }
        try {
            Api api = BY_CLASS.get(request.getClass());
            if (!api.usable) {
                return mono;
            }
            Request r = new Request(api, request, response, exchange, start);
            Object recorded = http == null ? mono : (Object) api.doFinally.invokeExact(mono, (Consumer<?>) r);
            return api.requestContext ? api.withRequestContext(recorded, r) : recorded;
        } catch (Throwable t) {
            return mono;
        }
    }

    /**
     * {@code HttpWebHandlerAdapter#handleUnresolvedError(exchange, [observation context,] error)}: an error no
     * {@code WebExceptionHandler} resolved, which the returned {@code Mono} signals when the response is already
     * committed. Kept in the exchange's attributes (errors only). Never throws.
     */
    public static void unresolvedError(Object exchange, Object[] arguments) {
        try {
            Object error = arguments == null || arguments.length == 0 ? null : arguments[arguments.length - 1];
            if (exchange != null && error instanceof Throwable) {
                Map<String, Object> attributes =
                        BY_CLASS.get(exchange.getClass()).attributes(exchange);
                if (attributes != null) {
                    attributes.put(UNRESOLVED, error);
                }
            }
        } catch (Throwable ignored) {
            // never into the application
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
            Map<String, Object> attributes = r.api.attributes(r.exchange);
            Object pattern = attributes == null ? null : attributes.get(PATTERN);
            String method = r.api.method(r.request);
            if (method != null) {
                fields.put("http.method", method);
            }
            fields.put(
                    "http.route",
                    RouteNormalizer.route(pattern == null ? null : pattern.toString(), r.path(), "", 200));
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
            Object headers = (Object) r.api.getHeaders.invokeExact(r.request);
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
            URI uri = (URI) r.api.getUri.invokeExact(r.request);
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

    /** One request being timed; the {@code doFinally} consumer that records it. */
    private static final class Request implements Consumer<Object> {
        private final Api api;
        private final Object request;
        private final Object response;
        private final Object exchange;
        private final long start;

        Request(Api api, Object request, Object response, Object exchange, long start) {
            this.api = api;
            this.request = request;
            this.response = response;
            this.exchange = exchange;
            this.start = start;
        }

        /** {@code doFinally}: the {@code Mono} completed, failed or was cancelled ({@code signal}, a SignalType). */
        @Override
        public void accept(Object signal) {
            try {
                long nanos = System.nanoTime() - start;
                HttpServerMetrics h = http;
                if (h == null) {
                    return;
                }
                boolean failed = signal == api.onError;
                int status = api.status(response, failed ? 500 : 200);
                Map<String, Object> attributes = api.attributes(exchange);
                Object pattern = null;
                Throwable thrown = null;
                if (attributes != null) {
                    pattern = attributes.get(PATTERN);
                    if (failed) {
                        thrown = throwable(attributes.get(UNRESOLVED));
                    }
                    for (int i = 0; thrown == null && (failed || status >= 400) && i < HANDLED.length; i++) {
                        thrown = throwable(attributes.get(HANDLED[i]));
                    }
                }
                String route = pattern != null
                        ? pattern.toString() // a PathPattern's text, kept by the pattern: no string built
                        : RouteNormalizer.route(null, path(), "", status);
                h.record(
                        api.method(request), route, status, Exceptions.unwrap(thrown), nanos, api.traceparent(request));
            } catch (Throwable ignored) {
                // never into the application
            }
        }

        /** The raw path (for a request no pattern matched). */
        String path() {
            try {
                URI uri = (URI) api.getUri.invokeExact(request);
                return uri == null ? "/" : uri.getRawPath();
            } catch (Throwable t) {
                return "/";
            }
        }

        private static Throwable throwable(Object o) {
            return o instanceof Throwable ? (Throwable) o : null;
        }
    }

    /** Method handles to one class loader's Reactor and Spring Web, typed with {@code Object}. */
    private static final class Api {
        private static final MethodType TO_OBJECT = MethodType.methodType(Object.class, Object.class);

        final boolean usable;
        /** The runtime guard is on and this class loader's Reactor can carry the request (see withRequestContext). */
        final boolean requestContext;

        MethodHandle doFinally; // (Object mono, Consumer) Object
        Object onError; // SignalType.ON_ERROR
        MethodHandle getUri; // (Object request) URI
        MethodHandle getMethod; // (Object request) Object
        MethodHandle methodName; // (Object method) String
        MethodHandle getHeaders; // (Object request) Object
        MethodHandle getFirst; // (Object headers, String) String
        MethodHandle getStatusCode; // (Object response) Object
        MethodHandle statusValue; // (Object status) int
        MethodHandle getAttributes; // (Object exchange) Map
        Method fromDirect;
        Class<?> publisher;
        Method subscribe;

        Api(ClassLoader loader) {
            boolean ok;
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                Class<?> mono = Class.forName("reactor.core.publisher.Mono", false, loader);
                doFinally = handle(lookup, mono.getMethod("doFinally", Consumer.class))
                        .asType(MethodType.methodType(Object.class, Object.class, Consumer.class));
                Class<?> signalType = Class.forName("reactor.core.publisher.SignalType", false, loader);
                onError = signalType.getField("ON_ERROR").get(null);
                Class<?> request = Class.forName("org.springframework.http.HttpRequest", false, loader);
                getUri = handle(lookup, request.getMethod("getURI"))
                        .asType(MethodType.methodType(URI.class, Object.class));
                Method method = request.getMethod("getMethod");
                getMethod = handle(lookup, method).asType(TO_OBJECT);
                methodName = handle(lookup, method.getReturnType().getMethod("name"))
                        .asType(MethodType.methodType(String.class, Object.class));
                Method headers = Class.forName("org.springframework.http.HttpMessage", false, loader)
                        .getMethod("getHeaders");
                getHeaders = handle(lookup, headers).asType(TO_OBJECT);
                getFirst = handle(lookup, headers.getReturnType().getMethod("getFirst", String.class))
                        .asType(MethodType.methodType(String.class, Object.class, String.class));
                Method statusCode = Class.forName(
                                "org.springframework.http.server.reactive.ServerHttpResponse", false, loader)
                        .getMethod("getStatusCode");
                getStatusCode = handle(lookup, statusCode).asType(TO_OBJECT);
                statusValue = handle(lookup, statusCode.getReturnType().getMethod("value"))
                        .asType(MethodType.methodType(int.class, Object.class));
                getAttributes = handle(
                                lookup,
                                Class.forName("org.springframework.web.server.ServerWebExchange", false, loader)
                                        .getMethod("getAttributes"))
                        .asType(MethodType.methodType(Map.class, Object.class));
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

        private static MethodHandle handle(MethodHandles.Lookup lookup, Method m) throws IllegalAccessException {
            return lookup.unreflect(m);
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
                Object code = (Object) getStatusCode.invokeExact(response);
                return code == null ? otherwise : (int) statusValue.invokeExact(code);
            } catch (Throwable t) {
                return otherwise;
            }
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> attributes(Object exchange) {
            try {
                return exchange == null ? null : (Map<String, Object>) (Map<?, ?>) getAttributes.invokeExact(exchange);
            } catch (Throwable t) {
                return null;
            }
        }

        String method(Object request) {
            try {
                Object m = (Object) getMethod.invokeExact(request);
                return m == null ? null : (String) methodName.invokeExact(m);
            } catch (Throwable t) {
                return null;
            }
        }

        String traceparent(Object request) {
            try {
                Object headers = (Object) getHeaders.invokeExact(request);
                return headers == null ? null : (String) getFirst.invokeExact(headers, "traceparent");
            } catch (Throwable t) {
                return null;
            }
        }
    }
}
