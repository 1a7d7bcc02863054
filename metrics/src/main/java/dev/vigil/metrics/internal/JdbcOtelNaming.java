package dev.vigil.metrics.internal;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.ArrayList;
import java.util.List;

/**
 * With {@code naming=otel}, after {@link OtelNaming}: the JDBC and HikariCP meters under OpenTelemetry's database
 * client names. {@code jdbc.statements} becomes {@code db.client.operation.duration} ({@code db.operation.name},
 * {@code db.system.name}, {@code error.type}); the pool gauges become {@code db.client.connection.count} (with
 * {@code db.client.connection.state} {@code used} / {@code idle}; base unit {@code connections}, so the Prometheus name
 * {@code db_client_connection_count_connections} does not end in {@code _count}), {@code db.client.connection.max},
 * {@code db.client.connection.idle.min} and {@code db.client.connection.pending_requests}, tagged
 * {@code db.client.connection.pool.name}. The total is dropped (OpenTelemetry has none: it is used + idle).
 */
public final class JdbcOtelNaming implements MeterFilter {
    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return id.getName().equals("hikaricp.connections") ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String name = id.getName();
        if (name.equals("jdbc.statements")) {
            List<Tag> tags = new ArrayList<>();
            for (Tag t : id.getTagsAsIterable()) {
                String key = t.getKey().equals("operation")
                        ? "db.operation.name"
                        : t.getKey().equals("db") ? "db.system.name" : t.getKey();
                tags.add(Tag.of(key, t.getValue()));
            }
            return id.withName("db.client.operation.duration").replaceTags(tags);
        }
        if (!name.startsWith("hikaricp.connections.")) {
            return id;
        }
        String state = null;
        String unit = null;
        switch (name) {
            case "hikaricp.connections.active":
                name = "db.client.connection.count";
                state = "used";
                unit = "connections";
                break;
            case "hikaricp.connections.idle":
                name = "db.client.connection.count";
                state = "idle";
                unit = "connections";
                break;
            case "hikaricp.connections.max":
                name = "db.client.connection.max";
                break;
            case "hikaricp.connections.min":
                name = "db.client.connection.idle.min";
                break;
            case "hikaricp.connections.pending":
                name = "db.client.connection.pending_requests";
                break;
            default:
                return id;
        }
        List<Tag> tags = new ArrayList<>();
        for (Tag t : id.getTagsAsIterable()) {
            tags.add(Tag.of(t.getKey().equals("pool") ? "db.client.connection.pool.name" : t.getKey(), t.getValue()));
        }
        if (state != null) {
            tags.add(Tag.of("db.client.connection.state", state));
        }
        String help = state == null ? id.getDescription() : "Connections in the pool, by state";
        return new Meter.Id(name, Tags.of(tags), unit, help, id.getType());
    }
}
