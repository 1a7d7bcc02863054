package dev.vigil.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.ToDoubleFunction;

/**
 * Thread pool meters with Micrometer's {@code ExecutorServiceMetrics} names, so executor dashboards work unchanged:
 * {@code executor.active}, {@code executor.pool.size}, {@code executor.pool.core}, {@code executor.pool.max} (threads),
 * {@code executor.queued}, {@code executor.queue.remaining} (tasks), the function counter {@code executor.completed}
 * and the counter {@code executor.rejected} (tasks), tagged {@code name}.
 *
 * <p>Pools are held by weak reference only, and pools sharing a name are summed into one series, so an application
 * creating a pool per request neither leaks them nor multiplies series. Beyond {@code maxNames} distinct names, new
 * pools are counted under {@code name="__other__"}. Besides {@link ThreadPoolExecutor} (and subclasses), pools with the
 * same getters (Tomcat's own {@code org.apache.tomcat.util.threads.ThreadPoolExecutor}) and Jetty's
 * {@code QueuedThreadPool} are read by reflection ({@link #monitorPool}). Never throws.
 */
public final class ExecutorMetrics {
    /** The {@code name} of pools beyond the cap. */
    public static final String OVERFLOW = "__other__";

    private final MeterRegistry registry;
    private final int maxNames;
    private final Counter dropped;
    private final ConcurrentMap<String, Group> groups = new ConcurrentHashMap<>();
    private final Map<Object, Entry> byPool = Collections.synchronizedMap(new WeakHashMap<>());

    ExecutorMetrics(MeterRegistry registry, int maxNames, Counter dropped) {
        this.registry = registry;
        this.maxNames = maxNames;
        this.dropped = dropped;
    }

    /** Starts measuring a {@link ThreadPoolExecutor} under {@code name} (summed with other pools of that name). */
    public void monitor(ThreadPoolExecutor executor, String name) {
        add(executor, name, Kind.JDK);
    }

    /**
     * Starts measuring a pool that is not a {@link ThreadPoolExecutor}, by reflection: Tomcat's own
     * {@code ThreadPoolExecutor} (same getters as the JDK's) or Jetty's {@code QueuedThreadPool} (busy, current, min,
     * max threads and queue size; it counts no completed tasks). Other types are ignored.
     */
    public void monitorPool(Object pool, String name) {
        if (pool instanceof ThreadPoolExecutor) {
            monitor((ThreadPoolExecutor) pool, name);
            return;
        }
        Kind kind = pool == null ? null : Kind.of(pool.getClass());
        if (kind != null) {
            add(pool, name, kind);
        }
    }

    /** Whether this pool is measured already. */
    public boolean isMonitored(Object pool) {
        return byPool.containsKey(pool);
    }

    /** Counts one task the pool rejected (its rejection handler was called). Unknown pools are ignored. */
    public void rejected(Object pool) {
        try {
            Entry e = byPool.get(pool);
            if (e != null) {
                e.group.rejected.increment();
            }
        } catch (RuntimeException ignored) {
            // metrics must never break the application
        }
    }

    /**
     * A pool terminated (its {@code terminated()} hook ran): its completed tasks are final, so they are kept in the
     * counter and the pool is no longer read, whether or not it is collected before the next scrape.
     */
    public void terminated(Object pool) {
        try {
            // called while the pool holds its main lock: only a volatile write here, never the group's lock (a scrape
            // holding that lock may be waiting for the pool's)
            Entry e = byPool.get(pool);
            if (e != null) {
                double completed = e.kind.value(pool, 6);
                if (!Double.isNaN(completed)) {
                    e.finalCompleted = (long) completed;
                }
            }
        } catch (RuntimeException ignored) {
            // metrics must never break the application
        }
    }

    private void add(Object pool, String name, Kind kind) {
        try {
            if (byPool.containsKey(pool)) {
                return;
            }
            Group g = group(name == null || name.isBlank() ? "pool" : name, kind);
            Entry e = new Entry(pool, g);
            g.add(e);
            byPool.put(pool, e);
        } catch (RuntimeException ignored) {
            // metrics must never break the application
        }
    }

    private Group group(String name, Kind kind) {
        Group g = groups.get(name);
        if (g != null) {
            return g;
        }
        if (groups.size() - (groups.containsKey(OVERFLOW) ? 1 : 0) >= maxNames) {
            dropped.increment();
            name = OVERFLOW;
        }
        return groups.computeIfAbsent(name, n -> new Group(n, kind));
    }

    /** How a pool is read. */
    private enum Kind {
        JDK,
        /** Same getters as the JDK's pool, called by reflection (Tomcat's fork). */
        REFLECTIVE_TPE,
        /** Jetty's QueuedThreadPool. */
        JETTY;

        private static final ClassValue<Method[]> METHODS = new ClassValue<>() {
            @Override
            protected Method[] computeValue(Class<?> type) {
                Method[] tpe = find(
                        type,
                        "getActiveCount",
                        "getPoolSize",
                        "getCorePoolSize",
                        "getMaximumPoolSize",
                        "getQueue",
                        "getCompletedTaskCount");
                if (tpe != null) {
                    return tpe;
                }
                return find(type, "getBusyThreads", "getThreads", "getMinThreads", "getMaxThreads", "getQueueSize");
            }
        };

        static Kind of(Class<?> type) {
            Method[] m = METHODS.get(type);
            return m == null ? null : m.length == 6 ? REFLECTIVE_TPE : JETTY;
        }

        private static Method[] find(Class<?> type, String... names) {
            Method[] out = new Method[names.length];
            try {
                for (int i = 0; i < names.length; i++) {
                    out[i] = type.getMethod(names[i]);
                    if (!out[i].trySetAccessible()) {
                        return null;
                    }
                }
                return out;
            } catch (NoSuchMethodException | RuntimeException e) {
                return null;
            }
        }

        /** Values of one pool: active, size, core, max, queued, remaining, completed; NaN when not available. */
        double value(Object pool, int what) {
            try {
                if (this == JDK) {
                    ThreadPoolExecutor e = (ThreadPoolExecutor) pool;
                    switch (what) {
                        case 0:
                            return e.getActiveCount();
                        case 1:
                            return e.getPoolSize();
                        case 2:
                            return e.getCorePoolSize();
                        case 3:
                            return e.getMaximumPoolSize();
                        case 4:
                            return e.getQueue().size();
                        case 5:
                            return e.getQueue().remainingCapacity();
                        default:
                            return e.getCompletedTaskCount();
                    }
                }
                Method[] m = METHODS.get(pool.getClass());
                if (this == JETTY) {
                    return what < 5 ? ((Number) m[what].invoke(pool)).doubleValue() : Double.NaN;
                }
                if (what == 4 || what == 5) {
                    BlockingQueue<?> q = (BlockingQueue<?>) m[4].invoke(pool);
                    return what == 4 ? q.size() : q.remainingCapacity();
                }
                return ((Number) m[what == 6 ? 5 : what].invoke(pool)).doubleValue();
            } catch (Throwable t) {
                return Double.NaN;
            }
        }
    }

    /** The pools sharing one name, and their meters. */
    private final class Group {
        private final List<Entry> entries = new ArrayList<>();
        private final Counter rejected;
        private long retiredCompleted;
        private int nextPurge = 64;

        Group(String name, Kind kind) {
            gauge(
                    "executor.active",
                    "threads",
                    "The approximate number of threads that are actively executing tasks",
                    name,
                    0);
            gauge("executor.pool.size", "threads", "The current number of threads in the pool", name, 1);
            gauge("executor.pool.core", "threads", "The core number of threads for the pool", name, 2);
            gauge("executor.pool.max", "threads", "The maximum allowed number of threads in the pool", name, 3);
            gauge("executor.queued", "tasks", "The approximate number of tasks that are queued for execution", name, 4);
            if (kind != Kind.JETTY) {
                gauge(
                        "executor.queue.remaining",
                        "tasks",
                        "The number of additional elements that this queue can ideally accept without blocking",
                        name,
                        5);
                FunctionCounter.builder("executor.completed", this, Group::completed)
                        .description("The approximate total number of tasks that have completed execution")
                        .baseUnit("tasks")
                        .tag("name", name)
                        .register(registry);
            }
            this.rejected = Counter.builder("executor.rejected")
                    .description("Tasks the pool rejected (its rejection handler was called)")
                    .baseUnit("tasks")
                    .tag("name", name)
                    .register(registry);
        }

        private void gauge(String meter, String unit, String help, String name, int what) {
            ToDoubleFunction<Group> f = g -> g.sum(what);
            Gauge.builder(meter, this, f)
                    .description(help)
                    .baseUnit(unit)
                    .tag("name", name)
                    .register(registry);
        }

        synchronized void add(Entry entry) {
            if (entries.size() >= nextPurge) {
                purge();
                nextPurge = Math.max(64, entries.size() * 2);
            }
            entries.add(entry);
        }

        /** Drops collected and terminated pools, keeping their completed tasks; never calls into a pool. */
        private void purge() {
            for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
                Entry e = it.next();
                long terminated = e.finalCompleted;
                if (terminated >= 0 || e.ref.get() == null) {
                    retiredCompleted += terminated >= 0 ? terminated : e.lastCompleted;
                    it.remove();
                }
            }
        }

        synchronized double sum(int what) {
            double total = 0;
            for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
                Entry e = it.next();
                Object pool = e.ref.get();
                long terminated = e.finalCompleted;
                if (pool == null || terminated >= 0) {
                    retiredCompleted += terminated >= 0 ? terminated : e.lastCompleted;
                    it.remove();
                    continue;
                }
                double v = e.kind.value(pool, what);
                if (what == 6 && !Double.isNaN(v)) {
                    e.lastCompleted = (long) v;
                }
                if (!Double.isNaN(v)) {
                    total += v;
                }
            }
            if (what == 6) {
                return total + retiredCompleted;
            }
            return total;
        }

        double completed() {
            return sum(6);
        }
    }

    /**
     * One pool, weakly held, with the completed tasks last seen (kept when the pool is collected) or, once it terminated,
     * its final count.
     */
    private static final class Entry {
        final WeakReference<Object> ref;
        final Kind kind;
        final Group group;
        long lastCompleted;
        volatile long finalCompleted = -1;

        Entry(Object pool, Group group) {
            this.ref = new WeakReference<>(pool);
            this.group = group;
            this.kind = pool instanceof ThreadPoolExecutor ? Kind.JDK : Kind.of(pool.getClass());
        }
    }

    /** The distinct pool names measured; for tests. */
    Collection<String> names() {
        return List.copyOf(groups.keySet());
    }
}
