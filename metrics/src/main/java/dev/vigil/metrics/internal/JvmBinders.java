package dev.vigil.metrics.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JVM and process meters, with Micrometer's names so existing JVM dashboards work: memory and pools, buffer pools,
 * GC, threads, classes, JIT, process CPU, open files, uptime. No background threads.
 */
public final class JvmBinders implements AutoCloseable {
    private final MeterRegistry registry;
    private volatile boolean bound;
    private JvmGcMetrics gc;
    private JvmHeapPressureMetrics heapPressure;

    private JvmBinders(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Binds every JVM binder to the registry now. */
    public static JvmBinders bindTo(MeterRegistry registry) {
        JvmBinders binders = new JvmBinders(registry);
        binders.bind();
        return binders;
    }

    /**
     * Binds on the first {@link #bind()}, which the agent calls on its background initialisation thread right after
     * start (so the binders' classes, MXBeans and GC notification listeners, about 40 ms of CPU, stay off the
     * application's main thread while no GC pause or allocation goes unrecorded), or at the latest before the first
     * scrape.
     */
    public static JvmBinders lazy(MeterRegistry registry) {
        return new JvmBinders(registry);
    }

    /** Binds every JVM binder to the registry, once; later calls return at once. */
    public void bind() {
        if (bound) {
            return;
        }
        synchronized (this) {
            if (bound) {
                return;
            }
            bindSafely(() -> new JvmMemoryMetrics().bindTo(registry));
            bindSafely(() -> new JvmThreadMetrics().bindTo(registry));
            bindSafely(() -> new ClassLoaderMetrics().bindTo(registry));
            bindSafely(() -> new JvmCompilationMetrics().bindTo(registry));
            bindSafely(() -> new JvmInfoMetrics().bindTo(registry));
            bindSafely(() -> new ProcessorMetrics().bindTo(registry));
            bindSafely(() -> new FileDescriptorMetrics().bindTo(registry));
            bindSafely(() -> new UptimeMetrics().bindTo(registry));
            bindSafely(() -> new VirtualThreadGauges().bindTo(registry));
            bindSafely(() -> bindSecondsCounters(registry));
            bindSafely(() -> {
                gc = new JvmGcMetrics();
                gc.bindTo(registry);
            });
            bindSafely(() -> {
                heapPressure = new JvmHeapPressureMetrics();
                heapPressure.bindTo(registry);
            });
            primeCpuLoad();
            bound = true;
        }
    }

    /** One binder; a meter another source already registered under its name (another type) must not stop the rest. */
    private static void bindSafely(Runnable binder) {
        try {
            binder.run();
        } catch (RuntimeException ignored) {
            // that binder's meters are left out
        }
    }

    /**
     * The JDK computes {@code process_cpu_usage} and {@code system_cpu_usage} over the time since the previous call; the
     * very first call has no previous one (it read 0 and 1.0). One call now, at binding, gives the first scrape a real
     * interval.
     */
    private static void primeCpuLoad() {
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean) {
                com.sun.management.OperatingSystemMXBean os =
                        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                os.getProcessCpuLoad();
                os.getCpuLoad();
            }
        } catch (RuntimeException | LinkageError ignored) {
            // the gauges then read what the JDK reports
        }
    }

    /** Seconds-based replacements for the ms / ns counters that {@link PromtoolClean} drops. */
    private static void bindSecondsCounters(MeterRegistry registry) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit != null && jit.isCompilationTimeMonitoringSupported()) {
            FunctionCounter.builder("jvm.compilation.time", jit, j -> j.getTotalCompilationTime() / 1000.0)
                    .description("Approximate accumulated time spent in just-in-time compilation")
                    .baseUnit("seconds")
                    .tag("compiler", jit.getName())
                    .register(registry);
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean) {
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9)
                    .description("CPU time used by the JVM process")
                    .baseUnit("seconds")
                    .register(registry);
        }
    }

    /** Stops the GC meters' notification listeners (their names are the application's now). */
    public synchronized void closeGc() {
        if (gc != null) {
            gc.close();
            gc = null;
        }
    }

    @Override
    public synchronized void close() {
        if (gc != null) {
            gc.close();
        }
        if (heapPressure != null) {
            heapPressure.close();
        }
    }
}
