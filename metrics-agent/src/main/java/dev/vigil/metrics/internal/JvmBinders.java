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
    private final JvmGcMetrics gc;
    private final JvmHeapPressureMetrics heapPressure;

    private JvmBinders(JvmGcMetrics gc, JvmHeapPressureMetrics heapPressure) {
        this.gc = gc;
        this.heapPressure = heapPressure;
    }

    /** Binds every JVM binder to the registry. */
    public static JvmBinders bindTo(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmCompilationMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new VirtualThreadGauges().bindTo(registry);
        bindSecondsCounters(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        JvmHeapPressureMetrics heapPressure = new JvmHeapPressureMetrics();
        heapPressure.bindTo(registry);
        return new JvmBinders(gc, heapPressure);
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

    @Override
    public void close() {
        gc.close();
        heapPressure.close();
    }
}
