package dev.vigil.metrics.internal;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.List;

/** Allow and deny lists by meter name prefix; a prefix matches the dotted or the Prometheus (underscore) name. */
public final class NameFilters {
    private NameFilters() {}

    /** Keeps only meters whose name starts with one of the prefixes; an empty list keeps everything. */
    public static MeterFilter allow(List<String> prefixes, String alwaysKept) {
        return MeterFilter.denyUnless(
                id -> prefixes.isEmpty() || id.getName().equals(alwaysKept) || matches(id, prefixes));
    }

    /** Drops meters whose name starts with one of the prefixes. */
    public static MeterFilter deny(List<String> prefixes) {
        return MeterFilter.deny(id -> matches(id, prefixes));
    }

    private static boolean matches(Meter.Id id, List<String> prefixes) {
        String name = id.getName().replace('.', '_');
        for (String p : prefixes) {
            if (name.startsWith(p.replace('.', '_'))) {
                return true;
            }
        }
        return false;
    }
}
