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
    private static final ThreadLocal<Boolean> BRIDGING = new ThreadLocal<>();
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    /** Names (as exported, after the other filters) the agent no longer records itself. */
    public Set<String> names() {
        return names;
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
