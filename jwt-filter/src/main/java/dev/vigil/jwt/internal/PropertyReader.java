package dev.vigil.jwt.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads {@code vigil.jwt.*} settings from properties, servlet init-params or {@code VIGIL_JWT_*} environment
 * variables alike: keys are compared in a canonical form (upper case, {@code .} and {@code -} as {@code _}).
 * Sources are layered: a later source overrides an earlier one key by key, whatever the keys' spelling. Within
 * one source a key in the environment spelling ({@code VIGIL_JWT_CLOCK_SKEW}) overrides the same key in the
 * property spelling, as the environment overrides a file; two other spellings of one key with different values
 * are a problem. Every problem is collected, none thrown, so that start-up can report them all at once.
 */
public final class PropertyReader {
    /**
     * One source of settings, named for messages and the start-up log ({@code file}, {@code environment});
     * {@code where} (may be empty) says more, e.g. the file's path, once in {@link #sources()}.
     */
    public record Source(String name, String where, Map<String, String> values) {
        public Source(String name, Map<String, String> values) {
            this(name, "", values);
        }
    }

    private final Map<String, String> values = new TreeMap<>();
    private final Map<String, String> originalNames = new TreeMap<>();
    private final Set<String> used = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> overrides = new ArrayList<>();
    private final List<String> sourceCounts = new ArrayList<>();

    /** A single source of settings. */
    public PropertyReader(Map<String, String> raw) {
        this(List.of(new Source("properties", raw)));
    }

    /** Layered sources, lowest precedence first; e.g. file, then environment, then init-params. */
    public PropertyReader(List<Source> lowestFirst) {
        Map<String, String> originOf = new TreeMap<>();
        for (Source source : lowestFirst) {
            Map<String, String> layer = layer(source); // canonical -> original name
            for (Map.Entry<String, String> e : layer.entrySet()) {
                String canonical = e.getKey();
                String name = e.getValue();
                String previous = originalNames.get(canonical);
                if (previous != null) {
                    overrides.add(
                            name + " (" + source.name() + ") over " + previous + " (" + originOf.get(canonical) + ")");
                }
                values.put(canonical, source.values().get(name).trim());
                originalNames.put(canonical, name);
                originOf.put(canonical, source.name());
            }
            sourceCounts.add(source.name() + (source.where().isEmpty() ? "" : " " + source.where()) + " ("
                    + layer.size() + (layer.size() == 1 ? " key)" : " keys)"));
        }
    }

    /** The {@code vigil.jwt.*} keys of one source, one spelling per canonical key, in a stable order. */
    private Map<String, String> layer(Source source) {
        Map<String, String> chosen = new TreeMap<>();
        if (source.values() == null) {
            return chosen;
        }
        Map<String, String> sorted = new TreeMap<>();
        source.values().forEach((k, v) -> {
            if (k != null && v != null) {
                sorted.put(k, v);
            }
        });
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            String name = e.getKey();
            String canonical = canonical(name);
            if (!canonical.startsWith("VIGIL_JWT_")) {
                continue;
            }
            String other = chosen.get(canonical);
            if (other == null || name.equals(canonical)) {
                chosen.put(canonical, name);
            } else if (!other.equals(canonical)
                    && !sorted.get(other).trim().equals(e.getValue().trim())) {
                problems.add(other + " and " + name + " in " + source.name() + " name the same setting with "
                        + "different values: keep one of them");
            }
        }
        return chosen;
    }

    /** Which sources were read, lowest precedence first, with their number of {@code vigil.jwt.*} keys. */
    public String sources() {
        return String.join(" < ", sourceCounts);
    }

    /** Keys set in more than one source: {@code NAME (winning source) over NAME (overridden source)}. */
    public List<String> overrides() {
        return List.copyOf(overrides);
    }

    public static String canonical(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public List<String> problems() {
        return problems;
    }

    public void problem(String message) {
        problems.add(message);
    }

    public String string(String key, String fallback) {
        String c = canonical(key);
        used.add(c);
        String v = values.get(c);
        return v == null || v.isEmpty() ? fallback : v;
    }

    public boolean has(String key) {
        String v = values.get(canonical(key));
        return v != null && !v.isEmpty();
    }

    public Set<String> list(String key, Set<String> fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String part : v.split("[,\\s]+")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    public boolean bool(String key, boolean fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        problems.add(key + " was '" + v + "' but it must be true or false");
        return fallback;
    }

    public int integer(String key, int fallback, int min, int max) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(v);
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + " was '" + v + "' but it must be an integer between " + min + " and " + max);
        return fallback;
    }

    public Duration duration(String key, Duration fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        Duration d = parseDuration(v);
        if (d == null || d.isNegative()) {
            problems.add(key + " was '" + v + "' but it must be a duration such as 500ms, 60s, 15m, 24h, 7d or PT60S");
            return fallback;
        }
        return d;
    }

    /** The shared duration grammar ({@link dev.vigil.config.Durations}); null when {@code v} is not a duration. */
    public static Duration parseDuration(String v) {
        return dev.vigil.config.Durations.parse(v).orElse(null);
    }

    /** The indices N present for a prefix such as {@code vigil.jwt.trust}, in ascending order. */
    public Set<Integer> indices(String prefix) {
        String c = canonical(prefix) + "_";
        Set<Integer> out = new TreeSet<>();
        for (String key : values.keySet()) {
            if (key.startsWith(c)) {
                String rest = key.substring(c.length());
                int end = rest.indexOf('_');
                String n = end < 0 ? rest : rest.substring(0, end);
                if (n.matches("\\d{1,4}")) {
                    out.add(Integer.parseInt(n));
                }
            }
        }
        return out;
    }

    /** Reports every key that no reader asked for: most likely a typo. Call last. */
    public void reportUnknownKeys() {
        for (Map.Entry<String, String> e : originalNames.entrySet()) {
            if (!used.contains(e.getKey())) {
                problems.add(e.getValue() + " is not a known setting");
            }
        }
    }
}
