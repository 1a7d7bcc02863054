package dev.vigil.metrics.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Mirrors the meters of the application's own Micrometer (any 1.x version, any class loader) into the agent's
 * registry, so they appear on the same endpoint. Two kinds of source, read by reflection at scrape time, the values as
 * they are (so nothing counted before the first scrape is lost):
 *
 * <ol>
 *   <li>the registries the application created itself (Spring Boot's {@code PrometheusMeterRegistry} or
 *       {@code SimpleMeterRegistry}, ...; composites are skipped, their children are read instead);
 *   <li>the {@code SimpleMeterRegistry} the agent added to each application {@code Metrics.globalRegistry} as soon as
 *       that class was initialised: meters of applications and libraries that only use the global registry.
 * </ol>
 *
 * <p>A meter (name and tags) is mirrored once, from the first source that has it. When a name is also one of the
 * agent's own, {@code coexist} decides: {@code app} removes the agent's own meters of that name and keeps them out
 * ({@link StandDown}), {@code agent} skips the application's; with {@code both} and an application registry, nothing
 * is mirrored at all (the application serves its own endpoint). Never throws into the scrape.
 */
public final class ForeignMicrometerBridge {
    private static final String COMPOSITE =
            String.join(".", "io", "micrometer", "core", "instrument", "composite", "CompositeMeterRegistry");
    private static final String METER = String.join(".", "io", "micrometer", "core", "instrument", "Meter");
    private static final String REGISTRY = String.join(".", "io", "micrometer", "core", "instrument", "MeterRegistry");

    /** What to do when an application meter's name is also one of the agent's own. */
    public enum Mode {
        APP,
        AGENT,
        BOTH
    }

    private final MeterRegistry target;
    private final Supplier<List<Object>> applicationRegistries;
    private final Supplier<List<Object>> agentRegistries;
    private final Mode mode;
    private final StandDown standDown;
    private final UnaryOperator<Meter.Id> exportedId;
    private final Map<Class<?>, Reader> readers = new IdentityHashMap<>();
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<String> mirroredKeys = new HashSet<>();
    private final Set<Meter> bridged = Collections.newSetFromMap(new IdentityHashMap<>());
    private volatile boolean applicationRegistryFound;

    /**
     * @param target the agent's registry
     * @param applicationRegistries the registries the application created (any order; composites are expanded)
     * @param agentRegistries the registries the agent added to the application's global registries
     * @param mode the {@code coexist} option
     * @param standDown the agent registry's last filter
     * @param exportedId the id a meter gets on the agent's registry after its filters, or null when refused
     */
    public ForeignMicrometerBridge(
            MeterRegistry target,
            Supplier<List<Object>> applicationRegistries,
            Supplier<List<Object>> agentRegistries,
            Mode mode,
            StandDown standDown,
            UnaryOperator<Meter.Id> exportedId) {
        this.target = target;
        this.applicationRegistries = applicationRegistries;
        this.agentRegistries = agentRegistries;
        this.mode = mode;
        this.standDown = standDown;
        this.exportedId = exportedId;
    }

    /** Whether a registry of the application's own has been seen. */
    public boolean applicationRegistryFound() {
        return applicationRegistryFound;
    }

    /** Mirrors meters not seen before. Never throws. */
    public synchronized void sync() {
        try {
            List<Object> own = agentRegistries.get();
            List<Object> apps = expand(applicationRegistries.get(), own);
            if (!apps.isEmpty()) {
                applicationRegistryFound = true;
                if (mode == Mode.BOTH) {
                    return;
                }
            }
            for (Object registry : apps) {
                mirrorNewMeters(registry, true);
            }
            for (Object registry : own) {
                mirrorNewMeters(registry, false);
            }
        } catch (Throwable ignored) {
            // a foreign registry must never break the scrape
        }
    }

    /** Application registries, composites replaced by their children, the agent's own left out; no duplicates. */
    private List<Object> expand(List<Object> registries, List<Object> own) {
        Set<Object> out = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Object> ordered = new ArrayList<>();
        List<Object> pending = new ArrayList<>(registries);
        for (int i = 0; i < pending.size() && i < 10_000; i++) {
            Object r = pending.get(i);
            if (containsIdentity(own, r) || !out.add(r)) {
                continue;
            }
            try {
                Class<?> composite =
                        Class.forName(COMPOSITE, false, r.getClass().getClassLoader());
                if (composite.isInstance(r)) {
                    pending.addAll((Set<?>) composite.getMethod("getRegistries").invoke(r));
                    continue;
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // not a Micrometer we can read: treat it as a plain registry
            }
            ordered.add(r);
        }
        return ordered;
    }

    private static boolean containsIdentity(List<Object> list, Object o) {
        for (Object x : list) {
            if (x == o) {
                return true;
            }
        }
        return false;
    }

    private void mirrorNewMeters(Object registry, boolean application) throws ReflectiveOperationException {
        Reader reader = readers.get(registry.getClass());
        if (reader == null) {
            reader = new Reader(registry.getClass().getClassLoader());
            readers.put(registry.getClass(), reader);
        }
        for (Object meter : (List<?>) reader.getMeters.invoke(registry)) {
            if (seen.add(meter)) {
                try {
                    mirror(reader, meter, application);
                } catch (RuntimeException | ReflectiveOperationException e) {
                    // skip this meter
                }
            }
        }
    }

    private void mirror(Reader f, Object meter, boolean application) throws ReflectiveOperationException {
        Object id = f.getId.invoke(meter);
        Class<?> idType = id.getClass();
        String name = (String) idType.getMethod("getName").invoke(id);
        List<Tag> tags = new ArrayList<>();
        for (Object t : (Iterable<?>) idType.getMethod("getTags").invoke(id)) {
            tags.add(Tag.of((String) t.getClass().getMethod("getKey").invoke(t), (String)
                    t.getClass().getMethod("getValue").invoke(t)));
        }
        String type = idType.getMethod("getType").invoke(id).toString();
        String description = (String) idType.getMethod("getDescription").invoke(id);
        String unit = (String) idType.getMethod("getBaseUnit").invoke(id);
        Meter.Type meterType = Meter.Type.valueOf(type);
        Meter.Id exported = exportedId.apply(new Meter.Id(name, Tags.of(tags), unit, description, meterType));
        if (exported == null || !mirroredKeys.add(exported.getName() + exported.getTags())) {
            return; // refused by the agent's filters, or already mirrored from another source
        }
        List<Meter> agentOwn = new ArrayList<>();
        for (Meter m : target.getMeters()) {
            if (m.getId().getName().equals(exported.getName()) && !bridged.contains(m)) {
                agentOwn.add(m);
            }
        }
        boolean agentName = !agentOwn.isEmpty() || isAgentFamily(exported.getName()) || isAgentFamily(name);
        if (agentName || standDown.names().contains(exported.getName())) {
            if (mode != Mode.APP || !application) {
                return; // the agent's own meter wins (also one it records later, e.g. at the next GC)
            }
            standDown.names().add(exported.getName());
            for (Meter m : agentOwn) {
                target.remove(m);
            }
        }
        Meter[] registered = new Meter[1];
        String prefixed = StandDown.BRIDGED + name;
        StandDown.bridging(() -> registered[0] = register(f, meter, prefixed, tags, meterType, description, unit));
        if (registered[0] != null) {
            bridged.add(registered[0]);
        }
    }

    /** Names the agent records itself, now or later (a GC pause, a first request, a new pool). */
    private static boolean isAgentFamily(String name) {
        for (String prefix : AGENT_FAMILIES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static final String[] AGENT_FAMILIES = {
        "http.server.request",
        "http.client.request",
        "jvm.",
        "process.",
        "system.",
        "executor",
        "jdbc.",
        "hikaricp.",
        "db.client.",
        "metrics.agent."
    };

    private Meter register(
            Reader f, Object meter, String name, List<Tag> tags, Meter.Type type, String description, String unit) {
        switch (type) {
            case COUNTER:
                return FunctionCounter.builder(name, meter, m -> read(f, m, "COUNT"))
                        .tags(tags)
                        .description(description)
                        .baseUnit(unit)
                        .register(target);
            case GAUGE:
                return Gauge.builder(name, meter, m -> read(f, m, "VALUE"))
                        .tags(tags)
                        .description(description)
                        .baseUnit(unit)
                        .register(target);
            case TIMER:
            case LONG_TASK_TIMER:
                // a summary (count and sum; for a long task timer the active tasks and their duration so far) and the
                // `<name>_seconds_max` gauge that Micrometer's own timers have: a custom meter would be rendered as
                // one counter per statistic
                boolean longTask = type == Meter.Type.LONG_TASK_TIMER;
                Gauge.builder(name + ".seconds.max", meter, m -> read(f, m, "MAX"))
                        .tags(tags)
                        .description(description)
                        .register(target);
                return FunctionTimer.builder(
                                name,
                                meter,
                                m -> (long) read(f, m, longTask ? "ACTIVE_TASKS" : "COUNT"),
                                m -> read(f, m, longTask ? "DURATION" : "TOTAL_TIME"),
                                TimeUnit.SECONDS)
                        .tags(tags)
                        .description(description)
                        .register(target);
            default:
                List<Measurement> measurements = new ArrayList<>();
                try {
                    for (Object m : (Iterable<?>) f.measure.invoke(meter)) {
                        String statistic =
                                m.getClass().getMethod("getStatistic").invoke(m).toString();
                        measurements.add(
                                new Measurement(() -> read(f, meter, statistic), Statistic.valueOf(statistic)));
                    }
                } catch (ReflectiveOperationException e) {
                    return null;
                }
                return Meter.builder(name, type, measurements)
                        .tags(tags)
                        .description(description)
                        .baseUnit(unit)
                        .register(target);
        }
    }

    private static double read(Reader f, Object meter, String statistic) {
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

    /** The reflective handles to read the registries and meters of one application Micrometer. */
    private static final class Reader {
        final Method getMeters;
        final Method getId;
        final Method measure;

        Reader(ClassLoader loader) throws ReflectiveOperationException {
            this.getMeters = Class.forName(REGISTRY, false, loader).getMethod("getMeters");
            Class<?> meterType = Class.forName(METER, false, loader);
            this.getId = meterType.getMethod("getId");
            this.measure = meterType.getMethod("measure");
        }
    }
}
