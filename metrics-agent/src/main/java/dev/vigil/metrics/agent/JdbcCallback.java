package dev.vigil.metrics.agent;

import dev.vigil.metrics.JdbcMetrics;
import dev.vigil.metrics.internal.SqlOperation;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * What the code woven by {@link JdbcInstrumentation} calls, found by reflection through the system class loader and
 * called through JDK functional interfaces. Never throws.
 *
 * <ul>
 *   <li>{@link #INSTANCE}: {@code apply(statement, sql | null | Boolean.TRUE)} when an {@code execute*} method starts
 *       (returns the thread's nesting depth before it), {@code accept(depth, thrown)} when it ends. Only the outermost call on a thread
 *       is recorded: a pool proxy's {@code executeQuery} delegating to the driver's counts once. The operation comes
 *       from the first call that knows it (the SQL argument, {@code batch}, or the operation remembered when the
 *       statement was prepared), the database from the innermost statement's class (its driver).
 *   <li>{@link #PREPARED}: {@code accept(statement, sql)} after {@code Connection#prepareStatement} / {@code
 *       prepareCall}; remembers the operation only (never the SQL), weakly keyed by the statement's identity.
 *   <li>{@link #POOL}: {@code accept(hikariPool, hikariConfig)} after a HikariCP pool is constructed.
 * </ul>
 */
public final class JdbcCallback implements BiFunction<Object, Object, Object>, BiConsumer<Object, Object> {
    /** Looked up by name from the woven statement classes. */
    public static final JdbcCallback INSTANCE = new JdbcCallback();
    /** Looked up by name from the woven connection classes. */
    public static final BiConsumer<Object, Object> PREPARED = JdbcCallback::prepared;
    /** Looked up by name from the woven {@code HikariPool}. */
    public static final BiConsumer<Object, Object> POOL = JdbcCallback::pool;

    private static final int MAX_PREPARED = 200_000;
    private static final ThreadLocal<Frame> FRAMES = ThreadLocal.withInitial(Frame::new);
    private static final PreparedOperations OPERATIONS = new PreparedOperations();
    private static final ClassValue<String[]> DBS = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            return new String[] {JdbcMetrics.dbOfDriverClass(type.getName())};
        }
    };
    private static volatile JdbcMetrics metrics;

    private JdbcCallback() {}

    static void use(JdbcMetrics m) {
        metrics = m;
    }

    /**
     * A statement starts executing.
     *
     * @return the token for {@link #accept}: this thread's nesting depth before the call (so that a lost inner exit
     *     cannot leave the thread counted as nested for good)
     */
    @Override
    public Object apply(Object statement, Object sql) {
        Frame f = FRAMES.get();
        int depth = f.depth;
        if (depth <= 0) {
            depth = 0;
            f.start = System.nanoTime();
            f.operation = null;
        }
        f.depth = depth + 1;
        try {
            if (f.operation == null) {
                f.operation = sql instanceof String
                        ? SqlOperation.of((String) sql)
                        : sql == Boolean.TRUE ? SqlOperation.BATCH : OPERATIONS.get(statement);
            }
            f.innermost = statement;
        } catch (Throwable ignored) {
            // never into the application
        }
        return depth;
    }

    /** The statement started in {@link #apply} ended, normally or with {@code thrown}. */
    @Override
    public void accept(Object token, Object thrown) {
        try {
            Frame f = FRAMES.get();
            int depth = (Integer) token;
            f.depth = depth;
            if (depth > 0) {
                return;
            }
            long nanos = System.nanoTime() - f.start;
            Object statement = f.innermost;
            f.innermost = null;
            String operation = f.operation == null ? SqlOperation.OTHER : f.operation;
            record(operation, db(statement), thrown instanceof Throwable ? (Throwable) thrown : null, nanos);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    private static void prepared(Object statement, Object sql) {
        try {
            if (statement != null && sql instanceof String) {
                OPERATIONS.put(statement, SqlOperation.of((String) sql));
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    private static void pool(Object pool, Object config) {
        try {
            JdbcMetrics m = metrics;
            if (m == null) {
                EarlyMeasurements.add(() -> pool(pool, config));
                return;
            }
            String name = m.monitorHikariPool(pool, config);
            if (name != null && Boolean.getBoolean("vigil.metrics.debug")) {
                AgentLog.info("watching HikariCP pool " + name);
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** The database of the driver class, else of the statement's connection URL (looked up once per class). */
    private static String db(Object statement) {
        if (statement == null) {
            return SqlOperation.OTHER;
        }
        String[] holder = DBS.get(statement.getClass());
        String db = holder[0];
        if (db == null) {
            try {
                db = JdbcMetrics.dbOfUrl(((java.sql.Statement) statement)
                        .getConnection()
                        .getMetaData()
                        .getURL());
            } catch (Throwable e) {
                db = null;
            }
            db = db == null ? SqlOperation.OTHER : db;
            holder[0] = db;
        }
        return db;
    }

    private static void record(String operation, String db, Throwable thrown, long nanos) {
        JdbcMetrics m = metrics;
        if (m == null) {
            EarlyMeasurements.add(() -> record(operation, db, thrown, nanos));
            return;
        }
        m.record(operation, db, thrown, nanos);
    }

    /** Per thread: how deep in (possibly nested) {@code execute*} calls, and what the outermost one is. */
    static final class Frame {
        int depth;
        long start;
        String operation;
        Object innermost;
    }

    /** Operation by statement identity, weakly keyed; the SQL itself is never kept. */
    static final class PreparedOperations {
        private final ConcurrentHashMap<Object, String> map = new ConcurrentHashMap<>();
        private final ReferenceQueue<Object> queue = new ReferenceQueue<>();

        void put(Object statement, String operation) {
            expunge();
            if (map.size() >= MAX_PREPARED) {
                map.clear();
            }
            map.put(new Key(statement, queue), operation);
        }

        String get(Object statement) {
            return statement == null ? null : map.get(new Lookup(statement));
        }

        int size() {
            expunge();
            return map.size();
        }

        private void expunge() {
            Reference<?> r;
            while ((r = queue.poll()) != null) {
                map.remove(r);
            }
        }
    }

    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            Object mine = get();
            return mine != null && o instanceof Key && ((Key) o).get() == mine;
        }
    }

    private static final class Lookup {
        private final Object referent;

        Lookup(Object referent) {
            this.referent = referent;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(referent);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).get() == referent;
        }
    }
}
