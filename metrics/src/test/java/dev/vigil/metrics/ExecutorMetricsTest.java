package dev.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.metrics.internal.ExecutorNames;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecutorMetricsTest {
    private static VigilMetrics metrics(String options) {
        return VigilMetrics.create(MetricsConfig.parse("jvm=false," + options, Map.of(), Map.of()));
    }

    private static ThreadPoolExecutor pool(int core, int max, BlockingQueue<Runnable> queue) {
        return new ThreadPoolExecutor(core, max, 0, TimeUnit.SECONDS, queue);
    }

    private static double gauge(VigilMetrics m, String name, String pool) {
        return m.registry().get(name).tag("name", pool).gauge().value();
    }

    @Test
    void namesComeFromThreadNamePrefixesWithoutDigitsOrFormats() {
        assertThat(ExecutorNames.clean("http-nio-8080-exec-")).isEqualTo("http-nio-exec");
        assertThat(ExecutorNames.clean("worker-%d")).isEqualTo("worker");
        assertThat(ExecutorNames.clean("qtp1234567")).isEqualTo("qtp");
        assertThat(ExecutorNames.clean("pool-3-thread-")).isEqualTo("pool-thread");
        assertThat(ExecutorNames.clean("batch_%02d_")).isEqualTo("batch");
        assertThat(ExecutorNames.clean("42-")).isNull();
        assertThat(ExecutorNames.clean("x".repeat(100))).hasSize(64);
    }

    @Test
    void readsTheApplicationsThreadFactoryButNotTheJdks() {
        assertThat(ExecutorNames.fromThreadFactory(new Prefixed("orders-%d"))).isEqualTo("orders");
        assertThat(ExecutorNames.fromThreadFactory(Executors.defaultThreadFactory()))
                .isNull();
        ThreadFactory lambda = r -> new Thread(r, "constant");
        assertThat(ExecutorNames.fromThreadFactory(lambda)).isNull();
        assertThat(ExecutorNames.fromThreadFactory(null)).isNull();
    }

    @Test
    void fallsBackToTheCreatingClassAndLeavesTheAgentsOwnPoolsOut() {
        assertThat(ExecutorNames.fromCallSite(ThreadPoolExecutor.class, null, "org.example.", "fallback"))
                .isEqualTo("ExecutorMetricsTest");
        assertThat(ExecutorNames.fromCallSite(ThreadPoolExecutor.class, null, "dev.vigil.metrics.", "fallback"))
                .as("created by the agent's own code")
                .isNull();
    }

    @Test
    void sumsPoolsSharingANameAndCountsCompletedAndRejectedTasks() throws Exception {
        try (VigilMetrics m = metrics("")) {
            ThreadPoolExecutor a = pool(2, 2, new LinkedBlockingQueue<>());
            ThreadPoolExecutor b = pool(3, 5, new ArrayBlockingQueue<>(10));
            m.executors().monitor(a, "jobs");
            m.executors().monitor(b, "jobs");
            m.executors().monitor(b, "jobs"); // counted once
            for (int i = 0; i < 7; i++) {
                (i % 2 == 0 ? a : b).execute(() -> {});
            }
            a.shutdown();
            b.shutdown();
            assertThat(a.awaitTermination(10, TimeUnit.SECONDS) && b.awaitTermination(10, TimeUnit.SECONDS))
                    .isTrue();
            m.executors().rejected(b);
            m.executors().rejected(new Object()); // not measured: ignored

            assertThat(gauge(m, "executor.pool.core", "jobs")).isEqualTo(5);
            assertThat(gauge(m, "executor.pool.max", "jobs")).isEqualTo(7);
            assertThat(gauge(m, "executor.queue.remaining", "jobs")).isEqualTo(Integer.MAX_VALUE + 10.0);
            assertThat(gauge(m, "executor.active", "jobs")).isZero();
            assertThat(gauge(m, "executor.queued", "jobs")).isZero();
            assertThat(m.registry()
                            .get("executor.completed")
                            .tag("name", "jobs")
                            .functionCounter()
                            .count())
                    .isEqualTo(7);
            assertThat(m.registry()
                            .get("executor.rejected")
                            .tag("name", "jobs")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(m.registry().scrape())
                    .contains("executor_completed_tasks_total{name=\"jobs\"} 7.0")
                    .contains("executor_rejected_tasks_total{name=\"jobs\"} 1.0")
                    .contains("executor_active_threads{name=\"jobs\"} 0.0")
                    .contains("executor_queued_tasks{name=\"jobs\"} 0.0");
        }
    }

    @Test
    void holdsPoolsWeaklyAndKeepsTheTasksOfCollectedOnes() throws Exception {
        try (VigilMetrics m = metrics("")) {
            List<WeakReference<ThreadPoolExecutor>> refs = new ArrayList<>();
            for (int i = 0; i < 200; i++) { // a pool per request
                ThreadPoolExecutor p = pool(1, 1, new LinkedBlockingQueue<>());
                m.executors().monitor(p, "per-request");
                p.submit(() -> {}).get();
                p.shutdown();
                assertThat(p.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
                m.executors().terminated(p); // what the woven ThreadPoolExecutor#terminated() reports
                refs.add(new WeakReference<>(p));
            }
            double completed = m.registry()
                    .get("executor.completed")
                    .tag("name", "per-request")
                    .functionCounter()
                    .count();
            assertThat(completed).isEqualTo(200);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (refs.stream().anyMatch(r -> r.get() != null) && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(refs)
                    .as("pools collected: the metrics hold no strong reference")
                    .allMatch(r -> r.get() == null);
            assertThat(m.registry()
                            .get("executor.completed")
                            .tag("name", "per-request")
                            .functionCounter()
                            .count())
                    .as("a counter never goes down when its pools go away")
                    .isEqualTo(200);
            assertThat(gauge(m, "executor.pool.core", "per-request")).isZero();
            assertThat(m.registry().find("executor.active").gauges()).hasSize(1);
        }
    }

    @Test
    void foldsNamesBeyondTheCapIntoOther() {
        try (VigilMetrics m = metrics("maxRoutes=3")) {
            List<ThreadPoolExecutor> pools = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ThreadPoolExecutor p = pool(1, 1, new LinkedBlockingQueue<>());
                pools.add(p);
                m.executors().monitor(p, "name-" + (char) ('a' + i));
            }
            assertThat(m.executors().names())
                    .containsExactlyInAnyOrder("name-a", "name-b", "name-c", ExecutorMetrics.OVERFLOW);
            assertThat(gauge(m, "executor.pool.core", ExecutorMetrics.OVERFLOW)).isEqualTo(7);
            assertThat(m.registry()
                            .get(VigilMetrics.DROPPED)
                            .tag("reason", "executor_name")
                            .counter()
                            .count())
                    .isEqualTo(7);
        }
    }

    @Test
    void respectsTheSeriesCapPerMetric() {
        try (VigilMetrics m = metrics("maxSeriesPerMetric=2")) {
            List<ThreadPoolExecutor> pools = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ThreadPoolExecutor p = pool(1, 1, new LinkedBlockingQueue<>());
                pools.add(p);
                m.executors().monitor(p, "n" + (char) ('a' + i));
            }
            assertThat(m.registry().find("executor.active").gauges()).hasSize(2);
            assertThat(m.registry().find("executor.rejected").counters()).hasSize(2);
            assertThat(m.registry()
                            .get(VigilMetrics.DROPPED)
                            .tag("reason", "series_cap")
                            .counter()
                            .count())
                    .isEqualTo(3 * 8);
        }
    }

    @Test
    void readsPoolsOfOtherTypesByTheirGetters() {
        try (VigilMetrics m = metrics("")) {
            JettyLike jetty = new JettyLike();
            m.executors().monitorPool(jetty, "qtp");
            m.executors().monitorPool(new Object(), "nothing"); // no known getters: ignored
            assertThat(gauge(m, "executor.active", "qtp")).isEqualTo(3);
            assertThat(gauge(m, "executor.pool.size", "qtp")).isEqualTo(8);
            assertThat(gauge(m, "executor.pool.core", "qtp")).isEqualTo(2);
            assertThat(gauge(m, "executor.pool.max", "qtp")).isEqualTo(200);
            assertThat(gauge(m, "executor.queued", "qtp")).isEqualTo(4);
            assertThat(m.registry().find("executor.completed").functionCounters())
                    .as("Jetty counts no completed tasks")
                    .isEmpty();
            assertThat(m.executors().names()).containsExactly("qtp");
        }
    }

    /** A thread factory as applications write them. */
    static final class Prefixed implements ThreadFactory {
        private final String nameFormat;

        Prefixed(String nameFormat) {
            this.nameFormat = nameFormat;
        }

        @Override
        public Thread newThread(Runnable r) {
            return new Thread(r, String.format(nameFormat, 1));
        }
    }

    /** The getters of Jetty's QueuedThreadPool. */
    public static final class JettyLike {
        public int getBusyThreads() {
            return 3;
        }

        public int getThreads() {
            return 8;
        }

        public int getMinThreads() {
            return 2;
        }

        public int getMaxThreads() {
            return 200;
        }

        public int getQueueSize() {
            return 4;
        }
    }
}
