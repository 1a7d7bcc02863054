package dev.vigil.metrics.internal;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last meter filter of the agent's registry: refuses the agent's own meters under names that the application's
 * Micrometer registry already records ({@code coexist=app}), while the bridge registers the application's meters under
 * those names.
 */
public final class StandDown implements MeterFilter {
    /**
     * The bridge registers application meters under this prefix, which {@link #unprefix()} (the registry's first filter)
     * takes off again: so an agent meter and a bridged one never share a pre-filter id, which Micrometer caches.
     */
    static final String BRIDGED = "vigil.bridged.";

    private static final ThreadLocal<Boolean> BRIDGING = new ThreadLocal<>();
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    /** Names (as exported, after the other filters) the agent no longer records itself. */
    public Set<String> names() {
        return names;
    }

    /** The first filter of the agent's registry: bridged meters get their application name back. */
    public static MeterFilter unprefix() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String name = id.getName();
                return name.startsWith(BRIDGED) ? id.withName(name.substring(BRIDGED.length())) : id;
            }
        };
    }

    /** Runs {@code registration} as the bridge: its meters pass. */
    static void bridging(Runnable registration) {
        BRIDGING.set(Boolean.TRUE);
        try {
            registration.run();
        } finally {
            BRIDGING.remove();
        }
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        if (BRIDGING.get() == null && names.contains(id.getName())) {
            return MeterFilterReply.DENY;
        }
        return MeterFilterReply.NEUTRAL;
    }
}
