package dev.vigil.metrics.agent;

import dev.vigil.metrics.HttpServerMetrics;
import dev.vigil.metrics.internal.RouteNormalizer;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

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
            return api.doFinally.invoke(withError, (Consumer<Object>) r::finished);
        } catch (Throwable t) {
            return mono;
        }
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
