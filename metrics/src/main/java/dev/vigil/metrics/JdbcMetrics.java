package dev.vigil.metrics;

import dev.vigil.metrics.internal.SqlOperation;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * JDBC statement durations and HikariCP pool gauges. Usable without the agent:
 *
 * <pre>{@code
 * long start = System.nanoTime();
 * ... statement.executeQuery(sql) ...
 * metrics.jdbc().record(JdbcMetrics.operation(sql), "postgresql", null, System.nanoTime() - start);
 * metrics.jdbc().monitorHikariPool(dataSource.getHikariPoolMXBean(), dataSource.getHikariConfigMXBean());
 * }</pre>
 *
 * <p>Statements are recorded as {@code jdbc.statements} (Prometheus {@code jdbc_statements_seconds_count/_sum/_max})
 * with {@code operation} (the first SQL keyword class, never the text), {@code db} (the database product, e.g.
 * {@code h2}, {@code postgresql}), {@code outcome} ({@code SUCCESS} / {@code ERROR}) and {@code exception}. Pools get
 * HikariCP's own Micrometer names ({@code hikaricp.connections}, {@code .active}, {@code .idle}, {@code .pending},
 * {@code .max}, {@code .min}; tag {@code pool}), read by reflection through weak references. Never throws.
 */
public final class JdbcMetrics {
    /** The statement timer's name. */
    public static final String STATEMENTS = "jdbc.statements";
    /** Prefix of the pool gauges. */
    public static final String HIKARI = "hikaricp.connections";
    /** Distinct {@code db} values before {@code other}. */
    static final int MAX_DBS = 16;

    private static final Set<String> OPERATIONS = Set.of(
            SqlOperation.SELECT,
            SqlOperation.INSERT,
            SqlOperation.UPDATE,
            SqlOperation.DELETE,
            SqlOperation.MERGE,
            SqlOperation.CALL,
            SqlOperation.DDL,
            SqlOperation.BATCH,
            SqlOperation.OTHER);
    /** Driver packages (first match wins) and the database they talk to. */
    private static final String[][] DRIVERS = {
        {"org.h2.", "h2"},
        {"org.postgresql.", "postgresql"},
        {"com.impossibl.postgres.", "postgresql"},
        {"com.mysql.", "mysql"},
        {"org.mariadb.", "mariadb"},
        {"oracle.jdbc.", "oracle"},
        {"com.microsoft.sqlserver.", "sqlserver"},
        {"net.sourceforge.jtds.", "sqlserver"},
        {"org.sqlite.", "sqlite"},
        {"org.apache.derby.", "derby"},
        {"org.hsqldb.", "hsqldb"},
        {"com.ibm.db2.", "db2"},
        {"org.duckdb.", "duckdb"},
        {"com.clickhouse.", "clickhouse"},
        {"net.snowflake.", "snowflake"},
        {"org.firebirdsql.", "firebird"},
        {"com.sap.db.", "hana"},
        {"io.trino.", "trino"},
    };

    private final MeterRegistry registry;
    private final Set<String> dbs = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();
    /** Success timers by operation and database, for the hot path (both already valid and admitted). */
    private final ConcurrentMap<String, ConcurrentMap<String, Timer>> successes = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, PoolRef> pools = new ConcurrentHashMap<>();

    JdbcMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The {@code operation} of a SQL text (its first keyword class); the text itself is not kept. */
    public static String operation(String sql) {
        return SqlOperation.of(sql);
    }

    /** The database of a JDBC URL's scheme ({@code jdbc:postgresql://...} → {@code postgresql}), or null. */
    public static String dbOfUrl(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return null;
        }
        int end = jdbcUrl.indexOf(':', 5);
        String scheme = jdbcUrl.substring(5, end < 0 ? jdbcUrl.length() : end);
        if (scheme.equalsIgnoreCase("microsoft") || scheme.equalsIgnoreCase("jtds")) {
            return "sqlserver";
        }
        return clean(scheme);
    }

    /** The database of a known driver class ({@code org.h2.jdbc.JdbcStatement} → {@code h2}), or null. */
    public static String dbOfDriverClass(String className) {
        if (className != null) {
            for (String[] d : DRIVERS) {
                if (className.startsWith(d[0])) {
                    return d[1];
                }
            }
        }
        return null;
    }

    /**
     * Records one statement execution.
     *
     * @param operation one of {@code select insert update delete merge call ddl batch other}; anything else is
     *     {@code other}
     * @param db the database product (lower case letters and digits); null is {@code other}
     * @param exception what the statement threw, or null
     */
    public void record(String operation, String db, Throwable exception, long nanos) {
        try {
            Timer timer = exception == null ? success(operation, db) : timer(operation, db, exception);
            timer.record(nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException ignored) {
            // metrics must never break a statement
        }
    }

    /** The common case without building a key: by operation, then by database, for values already admitted. */
    private Timer success(String operation, String db) {
        Map<String, Timer> byDb = operation == null ? null : successes.get(operation);
        Timer timer = byDb == null || db == null ? null : byDb.get(db);
        return timer != null ? timer : timer(operation, db, null);
    }

    private Timer timer(String operation, String db, Throwable exception) {
        String op = operation != null && OPERATIONS.contains(operation) ? operation : SqlOperation.OTHER;
        String d = capDb(clean(db));
        String e = exception == null ? "none" : simpleName(exception);
        String key = op + ' ' + d + ' ' + e;
        Timer timer = timers.computeIfAbsent(
                key,
                k -> Timer.builder(STATEMENTS)
                        .description("Duration of JDBC statement executions")
                        .tag("operation", op)
                        .tag("db", d)
                        .tag("outcome", exception == null ? "SUCCESS" : "ERROR")
                        .tag("exception", e)
                        .register(registry));
        if (exception == null && op.equals(operation) && d.equals(db)) {
            successes.computeIfAbsent(op, o -> new ConcurrentHashMap<>()).putIfAbsent(d, timer);
        }
        return timer;
    }

    /**
     * Publishes the gauges of a HikariCP pool. Both objects are held weakly: once the pool is collected its gauges read
     * NaN; a new pool with the same name takes over the gauges.
     *
     * @param pool a {@code com.zaxxer.hikari.HikariPoolMXBean} (the {@code HikariPool} itself, or
     *     {@code HikariDataSource#getHikariPoolMXBean()})
     * @param config a {@code com.zaxxer.hikari.HikariConfigMXBean} (the {@code HikariConfig} / {@code HikariDataSource})
     * @return the pool name the gauges are tagged with, or null when the objects are not HikariCP's
     */
    public String monitorHikariPool(Object pool, Object config) {
        try {
            Method[] poolMethods = methods(
                    pool,
                    "com.zaxxer.hikari.HikariPoolMXBean",
                    "getTotalConnections",
                    "getActiveConnections",
                    "getIdleConnections",
                    "getThreadsAwaitingConnection");
            Method[] configMethods = methods(
                    config,
                    "com.zaxxer.hikari.HikariConfigMXBean",
                    "getMaximumPoolSize",
                    "getMinimumIdle",
                    "getPoolName");
            if (poolMethods == null || configMethods == null) {
                return null;
            }
            Object name = configMethods[2].invoke(config);
            String poolName = name == null ? String.valueOf(pool) : name.toString();
            PoolRef ref = pools.computeIfAbsent(poolName, n -> register(n, new PoolRef()));
            ref.set(pool, poolMethods, config, configMethods);
            return poolName;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private PoolRef register(String poolName, PoolRef ref) {
        gauge(HIKARI, "Total connections", poolName, ref, 0, true);
        gauge(HIKARI + ".active", "Active connections", poolName, ref, 1, true);
        gauge(HIKARI + ".idle", "Idle connections", poolName, ref, 2, true);
        gauge(HIKARI + ".pending", "Pending threads", poolName, ref, 3, true);
        gauge(HIKARI + ".max", "Max connections", poolName, ref, 0, false);
        gauge(HIKARI + ".min", "Min connections", poolName, ref, 1, false);
        return ref;
    }

    private void gauge(String name, String help, String poolName, PoolRef ref, int index, boolean ofPool) {
        Gauge.builder(name, ref, r -> r.read(index, ofPool))
                .description(help)
                .tag("pool", poolName)
                .strongReference(true)
                .register(registry);
    }

    /** Public interface methods of the named interface that {@code target} implements, or null. */
    private static Method[] methods(Object target, String interfaceName, String... names) throws NoSuchMethodException {
        if (target == null) {
            return null;
        }
        Class<?> itf = findInterface(target.getClass(), interfaceName);
        if (itf == null) {
            return null;
        }
        Method[] out = new Method[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = itf.getMethod(names[i]);
        }
        return out;
    }

    private static Class<?> findInterface(Class<?> type, String name) {
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(type);
        for (int seen = 0; !todo.isEmpty() && seen < 200; seen++) {
            Class<?> c = todo.poll();
            if (c.isInterface() && c.getName().equals(name)) {
                return c;
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(java.util.Arrays.asList(c.getInterfaces()));
        }
        return null;
    }

    private String capDb(String db) {
        if (dbs.contains(db)) {
            return db;
        }
        synchronized (dbs) {
            if (dbs.size() >= MAX_DBS) {
                return SqlOperation.OTHER;
            }
            dbs.add(db);
        }
        return db;
    }

    private static String clean(String db) {
        if (db == null || db.isEmpty() || db.length() > 32) {
            return SqlOperation.OTHER;
        }
        String d = db.toLowerCase(Locale.ROOT);
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return SqlOperation.OTHER;
            }
        }
        return d;
    }

    private static String simpleName(Throwable t) {
        String s = t.getClass().getSimpleName();
        return s.isEmpty() ? t.getClass().getName() : s;
    }

    /** Weak references to one pool and its configuration, with the reflective getters. */
    private static final class PoolRef {
        private volatile Target target = new Target(null, null, null, null);

        void set(Object pool, Method[] poolMethods, Object config, Method[] configMethods) {
            target = new Target(new WeakReference<>(pool), poolMethods, new WeakReference<>(config), configMethods);
        }

        double read(int index, boolean ofPool) {
            Target t = target;
            WeakReference<Object> ref = ofPool ? t.pool : t.config;
            Object o = ref == null ? null : ref.get();
            if (o == null) {
                return Double.NaN;
            }
            try {
                Object v = (ofPool ? t.poolMethods : t.configMethods)[index].invoke(o);
                return v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return Double.NaN;
            }
        }
    }

    private record Target(
            WeakReference<Object> pool, Method[] poolMethods, WeakReference<Object> config, Method[] configMethods) {}

    /** For tests: the pools watched, by name. */
    Map<String, ?> pools() {
        return pools;
    }
}
