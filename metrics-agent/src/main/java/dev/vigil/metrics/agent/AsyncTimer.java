package dev.vigil.metrics.agent;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Times an asynchronous servlet request ({@code startAsync()}) to the end of its async cycle: a
 * {@link java.lang.reflect.Proxy} of the container's own {@code AsyncListener} interface ({@code javax} or
 * {@code jakarta}, whichever the woven class names), so the agent never links against a servlet API. The request is
 * recorded once, at {@code onComplete} (which the container calls after a time-out or an error too), with the status
 * the container finally sends; a time-out is labelled {@code exception="TimeoutException"}, an error with the
 * exception of the {@code AsyncEvent}. An async re-dispatch ({@code AsyncContext.dispatch()}) runs the servlet again
 * but is not timed twice (the request carries {@link ServletRecorder#TIMED}); when it starts async again, the listener
 * re-registers itself in {@code onStartAsync}.
 */
final class AsyncTimer implements InvocationHandler {
    /** Servlet API methods looked up once per {@code AsyncListener} interface (one per servlet API copy). */
    private static final ClassValue<Api> APIS = new ClassValue<>() {
        @Override
        protected Api computeValue(Class<?> listenerType) {
            return new Api(listenerType);
        }
    };

    private final long startNanos;
    private final String method;
    private final String template;
    private final String requestUri;
    private final String contextPath;
    private final String traceparent;
    private final Object response;
    private final Api api;
    private final AtomicBoolean recorded = new AtomicBoolean();
    private volatile Throwable error;
    private volatile boolean timedOut;

    private AsyncTimer(
            Api api,
            long startNanos,
            String method,
            String template,
            String requestUri,
            String contextPath,
            String traceparent,
            Object response) {
        this.api = api;
        this.startNanos = startNanos;
        this.method = method;
        this.template = template;
        this.requestUri = requestUri;
        this.contextPath = contextPath;
        this.traceparent = traceparent;
        this.response = response;
    }

    /** A new listener proxy, or null when this servlet API cannot be handled (the caller records now). */
    static Object listener(
            Class<?> listenerType,
            long startNanos,
            String method,
            String template,
            String requestUri,
            String contextPath,
            String traceparent,
            Object response) {
        try {
            Api api = APIS.get(listenerType);
            if (!api.usable) {
                return null;
            }
            AsyncTimer timer =
                    new AsyncTimer(api, startNanos, method, template, requestUri, contextPath, traceparent, response);
            return Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[] {listenerType}, timer);
        } catch (Throwable t) {
            return null;
        }
    }

    /** The listener could not be registered: record the request now. */
    static void abandon(Object listener) {
        if (listener != null
                && Proxy.isProxyClass(listener.getClass())
                && Proxy.getInvocationHandler(listener) instanceof AsyncTimer timer) {
            timer.finish();
        }
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) {
        try {
            switch (m.getName()) {
                case "onComplete":
                    if (error == null) {
                        error = api.errorAttribute(args[0]); // an error page the container answered itself
                    }
                    finish();
                    return null;
                case "onTimeout":
                    timedOut = true;
                    return null;
                case "onError":
                    error = api.throwable(args[0]);
                    return null;
                case "onStartAsync":
                    // a new async cycle clears the listeners: stay registered for it
                    api.addListener(args[0], proxy);
                    return null;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "vigil-metrics async request timer";
                default:
                    return null;
            }
        } catch (Throwable ignored) {
            // never into the application or the container
            return m.getReturnType() == boolean.class ? Boolean.FALSE : m.getReturnType() == int.class ? 0 : null;
        }
    }

    private void finish() {
        if (!recorded.compareAndSet(false, true)) {
            return;
        }
        int status = api.status(response);
        Throwable thrown = error;
        if (thrown == null && timedOut) {
            thrown = new TimeoutException("async request timed out");
        }
        ServletRecorder.measure(startNanos, method, template, requestUri, contextPath, status, thrown, traceparent);
    }

    /** Reflective access to one servlet API copy, through its public interfaces and {@code AsyncEvent}. */
    private static final class Api {
        final boolean usable;
        private final Method getThrowable;
        private final Method getSuppliedRequest;
        private final Method getAttribute;
        private final String errorAttribute;
        private final Method getAsyncContext;
        private final Method addListener;
        private final Method getStatus;

        Api(Class<?> listenerType) {
            Method throwable = null;
            Method suppliedRequest = null;
            Method attribute = null;
            Method asyncContext = null;
            Method add = null;
            Method status = null;
            try {
                String ns = listenerType
                        .getName()
                        .substring(0, listenerType.getName().lastIndexOf('.') + 1);
                ClassLoader loader = listenerType.getClassLoader();
                Class<?> event = Class.forName(ns + "AsyncEvent", false, loader);
                Class<?> context = Class.forName(ns + "AsyncContext", false, loader);
                Class<?> httpResponse = Class.forName(ns + "http.HttpServletResponse", false, loader);
                throwable = event.getMethod("getThrowable");
                suppliedRequest = event.getMethod("getSuppliedRequest");
                attribute = Class.forName(ns + "ServletRequest", false, loader).getMethod("getAttribute", String.class);
                asyncContext = event.getMethod("getAsyncContext");
                add = context.getMethod("addListener", listenerType);
                status = httpResponse.getMethod("getStatus");
            } catch (Throwable t) {
                AgentLog.warn("async servlet requests are timed until service() returns: " + t);
            }
            this.getThrowable = throwable;
            this.getSuppliedRequest = suppliedRequest;
            this.getAttribute = attribute;
            this.errorAttribute = listenerType.getName().startsWith("jakarta.")
                    ? "jakarta.servlet.error.exception"
                    : "javax.servlet.error.exception";
            this.getAsyncContext = asyncContext;
            this.addListener = add;
            this.getStatus = status;
            this.usable = status != null;
        }

        /**
         * The error of an {@code AsyncEvent}, without the container's wrappers: a {@code ServletException} or a plain
         * {@code RuntimeException} with a cause (Tomcat wraps an exception of an async dispatch in both) is unwrapped,
         * so the label names what the application threw, as for a synchronous request.
         */
        Throwable throwable(Object event) throws ReflectiveOperationException {
            Object t = getThrowable.invoke(event);
            if (!(t instanceof Throwable)) {
                return null;
            }
            return unwrap((Throwable) t);
        }

        /**
         * The exception the container's error handling stored on the request ({@code RequestDispatcher.ERROR_EXCEPTION})
         * when a re-dispatched servlet threw and the container answered without calling {@code onError} (Jetty 12).
         */
        Throwable errorAttribute(Object event) {
            try {
                Object request = getSuppliedRequest.invoke(event);
                Object t = request == null ? null : getAttribute.invoke(request, errorAttribute);
                return t instanceof Throwable ? unwrap((Throwable) t) : null;
            } catch (Throwable e) {
                return null;
            }
        }

        private static Throwable unwrap(Throwable error) {
            for (int i = 0; i < 8 && error.getCause() != null && isWrapper(error); i++) {
                error = error.getCause();
            }
            return error;
        }

        private static boolean isWrapper(Throwable t) {
            return t.getClass() == RuntimeException.class
                    || t.getClass().getName().endsWith(".servlet.ServletException");
        }

        void addListener(Object event, Object listener) throws ReflectiveOperationException {
            Object context = getAsyncContext.invoke(event);
            if (context != null) {
                addListener.invoke(context, listener);
            }
        }

        int status(Object response) {
            try {
                return (Integer) getStatus.invoke(response);
            } catch (Throwable t) {
                return 200;
            }
        }
    }
}
