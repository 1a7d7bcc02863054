package dev.vigil.metrics.agent;

import dev.vigil.metrics.ExecutorMetrics;
import dev.vigil.metrics.internal.ExecutorNames;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * What the code woven into thread pool classes calls (see {@link ExecutorInstrumentation}): {@code (pool, "new")} at
 * the end of a constructor, {@code (pool, "reject")} on the rejection path, {@code (pool, "terminated")} when it has
 * terminated, {@code (pool, "start")} when a Jetty pool starts. Names each pool once (thread factory prefix, else the creating class) and hands it to
 * {@link ExecutorMetrics}; pools the agent itself creates are left out. Pools seen before the registry exists are kept
 * by weak reference (up to 10,000) until it does. Never throws.
 */
public final class ExecutorCallback implements BiConsumer<Object, Object> {
    /** Looked up by name from the woven code. */
    public static final ExecutorCallback INSTANCE = new ExecutorCallback();

    private static final String OWN = "dev.vigil.metrics.";
    private static final int MAX_EARLY = 10_000;
    private static final ConcurrentLinkedQueue<Object[]> EARLY = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger EARLY_SIZE = new AtomicInteger();
    private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();
    private static volatile ExecutorMetrics metrics;

    private ExecutorCallback() {}

    static void use(ExecutorMetrics m) {
        metrics = m;
        Object[] early;
        while ((early = EARLY.poll()) != null) {
            Object pool = ((WeakReference<?>) early[0]).get();
            if (pool != null) {
                m.monitorPool(pool, (String) early[1]);
            }
        }
    }

    @Override
    public void accept(Object pool, Object event) {
        if (BUSY.get() != null) {
            return; // a pool created while handling another one (never the application's)
        }
        BUSY.set(Boolean.TRUE);
        try {
            if ("reject".equals(event)) {
                ExecutorMetrics m = metrics;
                if (m != null) {
                    if (!m.isMonitored(pool)) {
                        String name = nameOf(pool, false);
                        if (name == null) {
                            return;
                        }
                        m.monitorPool(pool, name);
                    }
                    m.rejected(pool);
                }
                return;
            }
            if ("terminated".equals(event)) {
                ExecutorMetrics m = metrics;
                if (m != null) {
                    m.terminated(pool);
                }
                return;
            }
            String name = nameOf(pool, true);
            if (name == null) {
                return; // the agent's own
            }
            ExecutorMetrics m = metrics;
            if (m != null) {
                m.monitorPool(pool, name);
            } else if (EARLY_SIZE.incrementAndGet() <= MAX_EARLY) {
                EARLY.add(new Object[] {new WeakReference<>(pool), name});
            }
        } catch (Throwable t) {
            if (Boolean.getBoolean("vigil.metrics.debug")) {
                AgentLog.info("could not measure a thread pool: " + t);
            }
        } finally {
            BUSY.remove();
        }
    }

    /**
     * Jetty pools: their name ({@code qtp<hash>} by default, so {@code qtp}); other pools: the thread factory's name
     * prefix, else the class that created the pool (from the stack, when {@code atCreation}), else the pool's class.
     *
     * @return null for a pool the agent created itself
     */
    static String nameOf(Object pool, boolean atCreation) {
        Class<?> type = pool.getClass();
        if (type.getName().startsWith(OWN)) {
            return null;
        }
        if (!(pool instanceof ThreadPoolExecutor)) {
            String name = ExecutorNames.clean(call(pool, "getName"));
            if (name != null) {
                return name;
            }
        }
        Object factory = pool instanceof ThreadPoolExecutor
                ? ((ThreadPoolExecutor) pool).getThreadFactory()
                : callObject(pool, "getThreadFactory");
        if (factory != null && factory.getClass().getName().startsWith(OWN)) {
            return null; // a thread factory of the agent or of a library relocated into it
        }
        String fromFactory = ExecutorNames.fromThreadFactory(factory);
        if (fromFactory != null) {
            return fromFactory; // no stack walk needed (a few microseconds per pool)
        }
        String fallback = type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
        return atCreation ? ExecutorNames.fromCallSite(type, ExecutorCallback.class, OWN, fallback) : fallback;
    }

    private static String call(Object target, String method) {
        Object o = callObject(target, method);
        return o instanceof String ? (String) o : null;
    }

    private static Object callObject(Object target, String method) {
        try {
            Method m = target.getClass().getMethod(method);
            return m.trySetAccessible() ? m.invoke(target) : null;
        } catch (Throwable t) {
            return null;
        }
    }
}
