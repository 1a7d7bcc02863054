package dev.vigil.metrics.internal;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Refuses new series of a meter name once it has {@code max} of them, and calls {@code onDrop} for each refusal.
 * Protects the endpoint (and Prometheus) from unbounded label values.
 */
public final class SeriesCap implements MeterFilter {
    private final int max;
    private final Runnable onDrop;
    private final String exempt;
    private final ConcurrentMap<String, Set<Meter.Id>> seen = new ConcurrentHashMap<>();

    /**
     * @param max series per name
     * @param onDrop called once per refused registration
     * @param exempt a meter name never capped (the drop counter itself)
     */
    public SeriesCap(int max, Runnable onDrop, String exempt) {
        this.max = max;
        this.onDrop = onDrop;
        this.exempt = exempt;
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        if (id.getName().equals(exempt)) {
            return MeterFilterReply.NEUTRAL;
        }
        Set<Meter.Id> ids = seen.computeIfAbsent(id.getName(), n -> ConcurrentHashMap.newKeySet());
        if (ids.contains(id)) {
            return MeterFilterReply.NEUTRAL;
        }
        // a timer or summary registers several series under one id; count ids, not samples
        if (ids.size() >= max) {
            onDrop.run();
            return MeterFilterReply.DENY;
        }
        ids.add(id);
        return MeterFilterReply.NEUTRAL;
    }
}
