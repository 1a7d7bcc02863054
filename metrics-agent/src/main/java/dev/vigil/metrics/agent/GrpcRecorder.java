package dev.vigil.metrics.agent;

import dev.vigil.metrics.GrpcMetrics;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times grpc-java calls from their creation until their final status ({@link GrpcAdvice}) and hands them to
 * {@link GrpcMetrics}. The calls in flight are kept by identity, at most {@value #MAX_IN_FLIGHT} (more are not timed,
 * and the cap also bounds what calls that never reach a final status can hold). Reads {@code MethodDescriptor} and {@code Status} through reflection (their
 * public methods, found once per class loader). Never throws.
 */
public final class GrpcRecorder {
    static final int MAX_IN_FLIGHT = 10_000;
    private static final Map<Object, Started> IN_FLIGHT = new ConcurrentHashMap<>();
    private static final Map<ClassLoader, Api> APIS = new ConcurrentHashMap<>();
    private static volatile GrpcMetrics grpc;

    private GrpcRecorder() {}

    static void install(GrpcMetrics metrics) {
        grpc = metrics;
    }

    /** A server or client call was created for {@code method} (a {@code MethodDescriptor}). */
    public static void started(Object call, Object method) {
        try {
            if (call != null && method != null && grpc != null && IN_FLIGHT.size() < MAX_IN_FLIGHT) {
                IN_FLIGHT.put(call, new Started(System.nanoTime(), method));
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** The server closed {@code call} with {@code status}. */
    public static void serverClosed(Object call, Object status) {
        closed(call, status, true);
    }

    /** The client's {@code call} ended with {@code status}. */
    public static void clientClosed(Object call, Object status) {
        closed(call, status, false);
    }

    private static void closed(Object call, Object status, boolean server) {
        try {
            Started s = IN_FLIGHT.isEmpty() ? null : IN_FLIGHT.remove(call);
            GrpcMetrics g = grpc;
            if (s == null || g == null) {
                return;
            }
            long nanos = System.nanoTime() - s.start;
            ClassLoader loader = s.method.getClass().getClassLoader();
            Api api = APIS.computeIfAbsent(loader == null ? ClassLoader.getSystemClassLoader() : loader, Api::new);
            String full = api.fullMethodName(s.method);
            String type = api.methodType(s.method);
            String code = api.code(status);
            if (server) {
                g.server(full, type, code, nanos);
            } else {
                g.client(full, type, code, nanos);
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    private static final class Started {
        final long start;
        final Object method;

        Started(long start, Object method) {
            this.start = start;
            this.method = method;
        }
    }

    /** Reflective handles to one class loader's grpc-api. */
    private static final class Api {
        Method getFullMethodName;
        Method getType;
        Method getCode;

        Api(ClassLoader loader) {
            try {
                Class<?> descriptor = Class.forName("io.grpc.MethodDescriptor", false, loader);
                getFullMethodName = descriptor.getMethod("getFullMethodName");
                getType = descriptor.getMethod("getType");
                getCode = Class.forName("io.grpc.Status", false, loader).getMethod("getCode");
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // unusable: every value reads UNKNOWN
            }
        }

        String fullMethodName(Object method) {
            try {
                return (String) getFullMethodName.invoke(method);
            } catch (Throwable t) {
                return null;
            }
        }

        String methodType(Object method) {
            try {
                return ((Enum<?>) getType.invoke(method)).name();
            } catch (Throwable t) {
                return null;
            }
        }

        String code(Object status) {
            try {
                return ((Enum<?>) getCode.invoke(status)).name();
            } catch (Throwable t) {
                return null;
            }
        }
    }
}
