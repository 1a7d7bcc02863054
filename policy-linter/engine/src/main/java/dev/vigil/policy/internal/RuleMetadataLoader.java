package dev.vigil.policy.internal;

import dev.vigil.policy.RuleMetadata;
import dev.vigil.policy.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Reads {@code dev/vigil/policy/rules/<id>/rule.yaml} from the class path. */
public final class RuleMetadataLoader {
    /** Class-path folder that holds one sub-folder per built-in rule. */
    public static final String RULES_ROOT = "dev/vigil/policy/rules/";

    private RuleMetadataLoader() {}

    /**
     * Loads the metadata of built-in rule {@code id}.
     *
     * @throws IllegalStateException naming the file and the missing or bad key (a packaging bug)
     */
    public static RuleMetadata load(String id) {
        String resource = RULES_ROOT + id + "/rule.yaml";
        Map<?, ?> map;
        try (InputStream in = RuleMetadataLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + ": missing");
            }
            map = (Map<?, ?>) new Load(LoadSettings.builder().setLabel(resource).build()).loadFromInputStream(in);
        } catch (IOException e) {
            throw new IllegalStateException(resource + ": " + e.getMessage(), e);
        }
        if (!id.equals(map.get("id"))) {
            throw new IllegalStateException(resource + ": id must be '" + id + "' but was '" + map.get("id") + "'");
        }
        String severity = required(map, "severity", resource);
        Severity parsed;
        try {
            parsed = Severity.valueOf(severity.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    resource + ": severity was '" + severity + "' but must be error, warning or info", e);
        }
        return new RuleMetadata(
                id,
                required(map, "title", resource),
                parsed,
                required(map, "category", resource),
                strings(map.get("profiles"), resource, "profiles", new LinkedHashSet<>()),
                required(map, "description", resource).strip(),
                required(map, "remediation", resource).strip(),
                map.get("docs") == null ? "" : map.get("docs").toString().strip(),
                strings(map.get("references"), resource, "references", new ArrayList<>()).stream()
                        .toList(),
                peers(map.get("peers"), resource));
    }

    /** {@code peers:} maps a tool of {@link RuleMetadata#PEER_TOOLS} to one id or a list of ids. */
    private static Map<String, List<String>> peers(Object v, String resource) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw new IllegalStateException(resource + ": 'peers' must be a map of tool to check ids");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String tool = String.valueOf(e.getKey());
            if (!RuleMetadata.PEER_TOOLS.contains(tool)) {
                throw new IllegalStateException(resource + ": peers." + tool + " is not a known tool; expected one of "
                        + String.join(", ", RuleMetadata.PEER_TOOLS));
            }
            List<String> ids = e.getValue() instanceof List<?>
                    ? strings(e.getValue(), resource, "peers." + tool, new ArrayList<>())
                    : List.of(String.valueOf(e.getValue()));
            out.put(tool, ids);
        }
        return out;
    }

    private static String required(Map<?, ?> map, String key, String resource) {
        Object v = map.get(key);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalStateException(resource + ": '" + key + "' is required");
        }
        return s;
    }

    private static <C extends java.util.Collection<String>> C strings(Object v, String resource, String key, C out) {
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalStateException(resource + ": '" + key + "' must be a list");
        }
        for (Object o : list) {
            out.add(String.valueOf(o));
        }
        return out;
    }
}
