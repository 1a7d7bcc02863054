package dev.vigil.metrics.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.lang.reflect.Method;

/**
 * Virtual thread scheduler gauges from {@code jdk.management.VirtualThreadSchedulerMXBean} (JDK 24+), read by
 * reflection so the library still runs on 17. No JFR stream and no thread of its own; absent on older JDKs.
 */
final class VirtualThreadGauges implements MeterBinder {
    @Override
    public void bindTo(MeterRegistry registry) {
        Object bean;
        Class<? extends PlatformManagedObject> type;
        try {
            type = Class.forName("jdk.management.VirtualThreadSchedulerMXBean").asSubclass(PlatformManagedObject.class);
            bean = ManagementFactory.getPlatformMXBean(type);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return;
        }
        gauge(
                registry,
                bean,
                type,
                "getMountedVirtualThreadCount",
                "jvm.threads.virtual.mounted",
                "Virtual threads currently mounted on a carrier thread");
        gauge(
                registry,
                bean,
                type,
                "getQueuedVirtualThreadCount",
                "jvm.threads.virtual.queued",
                "Virtual threads queued for the scheduler");
        gauge(
                registry,
                bean,
                type,
                "getPoolSize",
                "jvm.threads.virtual.carriers",
                "Carrier threads in the virtual thread scheduler");
        gauge(
                registry,
                bean,
                type,
                "getParallelism",
                "jvm.threads.virtual.parallelism",
                "Target parallelism of the virtual thread scheduler");
    }

    private static void gauge(
            MeterRegistry registry, Object bean, Class<?> type, String getter, String name, String help) {
        Method m;
        try {
            m = type.getMethod(getter);
        } catch (NoSuchMethodException e) {
            return;
        }
        Gauge.builder(name, bean, b -> read(m, b))
                .description(help)
                .baseUnit("threads")
                .register(registry);
    }

    private static double read(Method m, Object bean) {
        try {
            return ((Number) m.invoke(bean)).doubleValue();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
