package dev.vigil.metrics.internal;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Keeps the exposition clean for {@code promtool check metrics}: drops Micrometer's two meters with abbreviated units
 * ({@code jvm.compilation.time} in ms, {@code process.cpu.time} in ns; {@link JvmBinders} registers seconds-based
 * replacements), renames {@code system.cpu.count} (a gauge must not end in {@code _count}) to
 * {@code system.cpu.processors}, replaces double quotes in help texts, which OpenMetrics and the text format
 * escape differently, and gives meters registered without a description (often the application's own) the help text
 * {@code Meter <name>}, since promtool rejects a family without help.
 */
public final class PromtoolClean implements MeterFilter {
    @Override
    public Meter.Id map(Meter.Id id) {
        String name = id.getName().equals("system.cpu.count") ? "system.cpu.processors" : id.getName();
        String description = id.getDescription();
        boolean missing = description == null || description.isBlank();
        boolean quoted = !missing && description.indexOf('"') >= 0;
        if (name.equals(id.getName()) && !quoted && !missing) {
            return id;
        }
        String help = missing ? "Meter " + id.getName() : quoted ? description.replace('"', '\'') : description;
        return new Meter.Id(name, Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), help, id.getType());
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        String unit = id.getBaseUnit();
        if ((id.getName().equals("jvm.compilation.time") && "ms".equals(unit))
                || (id.getName().equals("process.cpu.time") && "ns".equals(unit))) {
            return MeterFilterReply.DENY;
        }
        return MeterFilterReply.NEUTRAL;
    }
}
