package dev.vigil.metrics.agent;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * What the code woven into the application's Micrometer calls (see {@link MicrometerInstrumentation}):
 * {@code (registry, "registry")} for every {@code MeterRegistry} the application creates and
 * {@code (Metrics.class, "global")} once {@code Metrics.globalRegistry} exists. Keeps the registries by weak reference
 * (at most {@value #MAX}) for the bridge, and adds one {@code SimpleMeterRegistry} of the application's Micrometer to
 * each global registry right away, so that meters counted there before the first scrape are not lost even when the
 * application has no registry of its own. Never throws.
 */
public final class MicrometerCallback implements BiConsumer<Object, Object> {
    /** Looked up by name from the woven code. */
    public static final MicrometerCallback INSTANCE = new MicrometerCallback();

    static final int MAX = 1000;
    private static final String SIMPLE_REGISTRY =
            String.join(".", "io", "micrometer", "core", "instrument", "simple", "SimpleMeterRegistry");
    private static final String REGISTRY = MicrometerInstrumentation.REGISTRY.replace('/', '.');
    private static final ThreadLocal<Boolean> OWN = new ThreadLocal<>();
    private static final List<WeakReference<Object>> REGISTRIES = new CopyOnWriteArrayList<>();
    /** The application's {@code Metrics} classes and the registry the agent added to each one's global registry. */
    private static final Map<Class<?>, Object> ATTACHED = Collections.synchronizedMap(new WeakHashMap<>());

    private static final String COMPOSITE =
            String.join(".", "io", "micrometer", "core", "instrument", "composite", "CompositeMeterRegistry");
    private static volatile boolean applicationRegistry;

    private MicrometerCallback() {}

    private static boolean isComposite(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(COMPOSITE)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void accept(Object target, Object event) {
        try {
            if ("registry".equals(event)) {
                if (OWN.get() == null) {
                    if (!isComposite(target.getClass())) {
                        applicationRegistry = true;
                    }
                    REGISTRIES.removeIf(r -> r.get() == null);
                    if (REGISTRIES.size() < MAX) {
                        REGISTRIES.add(new WeakReference<>(target));
                    }
                }
            } else if ("global".equals(event) && target instanceof Class) {
                attach((Class<?>) target);
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /**
     * Adds a {@code SimpleMeterRegistry} of the application's Micrometer to {@code metrics.globalRegistry}, once per
     * {@code Metrics} class. Also called for {@code Metrics} classes loaded before a runtime attach.
     */
    static void attach(Class<?> metrics) {
        if (ATTACHED.containsKey(metrics)) {
            return;
        }
        OWN.set(Boolean.TRUE);
        try {
            ClassLoader loader = metrics.getClassLoader();
            Class<?> registryType = Class.forName(REGISTRY, false, loader);
            Object simple = Class.forName(SIMPLE_REGISTRY, true, loader)
                    .getConstructor()
                    .newInstance();
            metrics.getMethod("addRegistry", registryType).invoke(null, simple);
            ATTACHED.put(metrics, simple);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            ATTACHED.put(metrics, Boolean.FALSE);
        } finally {
            OWN.remove();
        }
    }

    /** The registries the application created itself (not the ones the agent added), oldest first. */
    static List<Object> applicationRegistries() {
        List<Object> out = new ArrayList<>();
        for (WeakReference<Object> r : REGISTRIES) {
            Object registry = r.get();
            if (registry != null) {
                out.add(registry);
            }
        }
        // after a runtime attach the application's registries predate the hook: the global ones lead to them
        synchronized (ATTACHED) {
            for (Class<?> metrics : ATTACHED.keySet()) {
                try {
                    out.add(metrics.getField("globalRegistry").get(null));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // not this Micrometer
                }
            }
        }
        return out;
    }

    /** Whether the application created a registry of its own (the agent's and composites do not count). */
    static boolean applicationRegistryCreated() {
        if (!applicationRegistry) {
            // after a runtime attach: a registry the application added to its global registry before
            List<Object> own = agentRegistries();
            for (Object registry : applicationRegistries()) {
                if (!isComposite(registry.getClass()) && !own.contains(registry)) {
                    applicationRegistry = true;
                }
                try {
                    if (isComposite(registry.getClass())) {
                        for (Object child : (Iterable<?>)
                                registry.getClass().getMethod("getRegistries").invoke(registry)) {
                            if (!own.contains(child)) {
                                applicationRegistry = true;
                            }
                        }
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // not readable: not counted
                }
            }
        }
        return applicationRegistry;
    }

    /** The registries the agent added to the application's global registries. */
    static List<Object> agentRegistries() {
        List<Object> out = new ArrayList<>();
        synchronized (ATTACHED) {
            for (Object o : ATTACHED.values()) {
                if (o != Boolean.FALSE) {
                    out.add(o);
                }
            }
        }
        return out;
    }
}
