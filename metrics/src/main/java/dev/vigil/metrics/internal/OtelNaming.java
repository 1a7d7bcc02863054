package dev.vigil.metrics.internal;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renames Micrometer / Spring Boot meters and tags to OpenTelemetry semantic-convention names. */
public final class OtelNaming implements MeterFilter {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("http.server.requests", "http.server.request.duration"),
            Map.entry("http.client.requests", "http.client.request.duration"),
            Map.entry("jvm.threads.live", "jvm.thread.count"),
            Map.entry("jvm.classes.loaded", "jvm.class.count"),
            Map.entry("jvm.classes.unloaded", "jvm.class.unloaded"),
            Map.entry("jvm.memory.max", "jvm.memory.limit"),
            Map.entry("jvm.memory.usage.after.gc", "jvm.memory.used_after_last_gc"),
            Map.entry("process.cpu.usage", "jvm.cpu.recent_utilization"),
            Map.entry("system.cpu.count", "jvm.cpu.count"),
            Map.entry("jvm.buffer.count", "jvm.buffer.count"),
            Map.entry("jvm.gc.pause", "jvm.gc.duration"));
    private static final Map<String, String> TAGS = Map.of(
            "method", "http.request.method",
            "status", "http.response.status_code",
            "uri", "http.route",
            "exception", "error.type",
            "area", "jvm.memory.type",
            "id", "jvm.memory.pool.name",
            "action", "jvm.gc.action",
            "cause", "jvm.gc.cause");

    @Override
    public Meter.Id map(Meter.Id id) {
        String name = NAMES.getOrDefault(id.getName(), id.getName());
        List<Tag> tags = new ArrayList<>();
        for (Tag t : id.getTagsAsIterable()) {
            if (t.getKey().equals("outcome")) {
                continue;
            }
            tags.add(Tag.of(TAGS.getOrDefault(t.getKey(), t.getKey()), t.getValue()));
        }
        Meter.Id renamed = id.withName(name).replaceTags(tags);
        // OpenTelemetry's unit {cpu}: with it the gauge does not end in _count, which promtool rejects
        return name.equals("jvm.cpu.count") ? renamed.withBaseUnit("cpus") : renamed;
    }
}
