package dev.vigil.metrics.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Tag;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Mirrors the meters an application registers in its own Micrometer's {@code Metrics.globalRegistry} (any 1.x
 * version, any class loader) into the agent's registry, so they appear on the same endpoint. It adds a
 * {@code SimpleMeterRegistry} of the application's Micrometer to that global registry (meters created before that
 * moment start counting then) and reads it by reflection at scrape time. Names the agent already exposes are
 * skipped: no duplicates.
 */
public final class ForeignMicrometerBridge {
    /** Built at run time so that relocation of the agent's own Micrometer leaves them alone. */
    static final String METRICS = String.join(".", "io", "micrometer", "core", "instrument", "Metrics");

    private static final String SIMPLE_REGISTRY =
            String.join(".", "io", "micrometer", "core", "instrument", "simple", "SimpleMeterRegistry");
    private static final String METER = String.join(".", "io", "micrometer", "core", "instrument", "Meter");
    private static final String REGISTRY = String.join(".", "io", "micrometer", "core", "instrument", "MeterRegistry");

    private final MeterRegistry target;
    private final Supplier<List<Class<?>>> metricsClasses;
    private final Map<Class<?>, Foreign> attached = new IdentityHashMap<>();
    private final Set<Object> mirrored = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * @param target the agent's registry
     * @param metricsClasses finds the application's {@code io.micrometer.core.instrument.Metrics} classes
     */
    public ForeignMicrometerBridge(MeterRegistry target, Supplier<List<Class<?>>> metricsClasses) {
        this.target = target;
        this.metricsClasses = metricsClasses;
    }

    /** Attaches to newly loaded application registries and mirrors new meters. Never throws. */
    public synchronized void sync() {
        try {
            for (Class<?> metrics : metricsClasses.get()) {
                if (metrics.getName().equals(METRICS) && metrics != io.micrometer.core.instrument.Metrics.class) {
                    attached.computeIfAbsent(metrics, ForeignMicrometerBridge::attach);
                }
            }
            for (Foreign f : attached.values()) {
                if (f != null) {
                    mirrorNewMeters(f);
                }
            }
        } catch (Throwable ignored) {
            // a foreign registry must never break the scrape
        }
    }

    private static Foreign attach(Class<?> metrics) {
        try {
            ClassLoader loader = metrics.getClassLoader();
            Class<?> registryType = Class.forName(REGISTRY, false, loader);
            Object simple = Class.forName(SIMPLE_REGISTRY, true, loader)
                    .getConstructor()
                    .newInstance();
            metrics.getMethod("addRegistry", registryType).invoke(null, simple);
            return new Foreign(simple, Class.forName(METER, false, loader), registryType);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private void mirrorNewMeters(Foreign f) throws ReflectiveOperationException {
        List<?> meters = (List<?>) f.getMeters.invoke(f.registry);
        for (Object meter : meters) {
            if (mirrored.add(meter)) {
                try {
                    mirror(f, meter);
                } catch (RuntimeException | ReflectiveOperationException e) {
                    // skip this meter
                }
            }
        }
    }

    private void mirror(Foreign f, Object meter) throws ReflectiveOperationException {
        Object id = f.getId.invoke(meter);
        Class<?> idType = id.getClass();
        String name = (String) idType.getMethod("getName").invoke(id);
        if (!target.find(name).meters().isEmpty()) {
            return; // the agent already exposes this name (e.g. the app binds the JVM meters too)
        }
        List<Tag> tags = new ArrayList<>();
        for (Object t : (Iterable<?>) idType.getMethod("getTags").invoke(id)) {
            tags.add(Tag.of((String) t.getClass().getMethod("getKey").invoke(t), (String)
                    t.getClass().getMethod("getValue").invoke(t)));
        }
        String type = idType.getMethod("getType").invoke(id).toString();
        String description = (String) idType.getMethod("getDescription").invoke(id);
        String unit = (String) idType.getMethod("getBaseUnit").invoke(id);
        switch (type) {
            case "COUNTER":
                FunctionCounter.builder(name, meter, m -> read(f, m, "COUNT"))
                        .tags(tags)
                        .description(description)
                        .baseUnit(unit)
                        .register(target);
                break;
            case "GAUGE":
                Gauge.builder(name, meter, m -> read(f, m, "VALUE"))
                        .tags(tags)
                        .description(description)
                        .baseUnit(unit)
                        .register(target);
                break;
            case "TIMER":
                FunctionTimer.builder(
                                name,
                                meter,
                                m -> (long) read(f, m, "COUNT"),
                                m -> read(f, m, "TOTAL_TIME"),
                                TimeUnit.SECONDS)
                        .tags(tags)
                        .description(description)
                        .register(target);
                break;
            default:
                List<Measurement> measurements = new ArrayList<>();
                for (Object m : (Iterable<?>) f.measure.invoke(meter)) {
                    String statistic =
                            m.getClass().getMethod("getStatistic").invoke(m).toString();
                    measurements.add(new Measurement(() -> read(f, meter, statistic), Statistic.valueOf(statistic)));
                }
                Meter.builder(name, Meter.Type.valueOf(type), measurements)
                        .tags(tags)
                        .description(description)
                        .baseUnit(unit)
                        .register(target);
        }
    }

    private static double read(Foreign f, Object meter, String statistic) {
        try {
            for (Object m : (Iterable<?>) f.measure.invoke(meter)) {
                Method getStatistic = m.getClass().getMethod("getStatistic");
                if (getStatistic.invoke(m).toString().equals(statistic)) {
                    return ((Number) m.getClass().getMethod("getValue").invoke(m)).doubleValue();
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** One attached application registry and the reflective handles to read it. */
    private static final class Foreign {
        final Object registry;
        final Method getMeters;
        final Method getId;
        final Method measure;

        Foreign(Object registry, Class<?> meterType, Class<?> registryType) throws NoSuchMethodException {
            this.registry = registry;
            this.getMeters = registryType.getMethod("getMeters");
            this.getId = meterType.getMethod("getId");
            this.measure = meterType.getMethod("measure");
        }
    }
}
