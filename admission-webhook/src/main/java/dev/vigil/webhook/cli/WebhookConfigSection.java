package dev.vigil.webhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PssVersion;
import dev.vigil.policy.Severity;
import dev.vigil.policy.config.ConfigFile;
import dev.vigil.webhook.admission.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code webhook:} section the webhook adds to {@code .vigil.yaml}. Every key is optional; command-line flags
 * override it. All problems are reported at once as {@code file:line: webhook.key: what is wrong}.
 *
 * <pre>{@code
 * webhook:
 *   enforce: pss-baseline       # a profile, or none
 *   enforceVersion: latest      # a PSS version
 *   warn: recommended
 *   warnVersion: latest
 *   audit: recommended
 *   auditVersion: latest
 *   failOn: error               # error | warning | info
 *   exemptNamespaces: [kube-system, kube-node-lease]
 *   exemptUsernames: []
 *   exemptRuntimeClasses: []
 *   mutateByDefault: false
 * }</pre>
 */
final class WebhookConfigSection {
    static final String KEY = "webhook";
    static final Set<String> KEYS = Set.of(
            "enforce",
            "enforceVersion",
            "warn",
            "warnVersion",
            "audit",
            "auditVersion",
            "failOn",
            "exemptNamespaces",
            "exemptUsernames",
            "exemptRuntimeClasses",
            "mutateByDefault");

    /** The values found, by key: strings, lists of strings, or a boolean. */
    final Map<String, Object> values = new LinkedHashMap<>();

    static WebhookConfigSection read(ConfigFile.Loaded loaded, String label) {
        WebhookConfigSection s = new WebhookConfigSection();
        JsonNode node = loaded.sections().get(KEY);
        if (node == null || node.isNull()) {
            return s;
        }
        List<String> problems = new ArrayList<>();
        if (!node.isObject()) {
            problems.add(label + ":" + loaded.line(KEY) + ": webhook: must be a mapping of webhook settings");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String where = label + ":" + loaded.line(KEY + "." + e.getKey()) + ": webhook." + e.getKey() + ": ";
                String problem = s.accept(e.getKey(), e.getValue());
                if (problem != null) {
                    problems.add(where + problem);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new WebhookCommand.UsageException(String.join(System.lineSeparator(), problems));
        }
        return s;
    }

    private String accept(String key, JsonNode v) {
        switch (key) {
            case "enforce", "warn", "audit" -> {
                if (!v.isTextual()) {
                    return "must be a profile name";
                }
                try {
                    values.put(key, Level.parseProfile(v.asText()));
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            }
            case "enforceVersion", "warnVersion", "auditVersion" -> {
                try {
                    PssVersion.parse(v.asText());
                    values.put(key, v.asText());
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            }
            case "failOn" -> {
                try {
                    values.put(key, Severity.valueOf(v.asText().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    return "'" + v.asText() + "' is not a severity; expected error, warning or info";
                }
            }
            case "exemptNamespaces", "exemptUsernames", "exemptRuntimeClasses" -> {
                if (!v.isArray()) {
                    return "must be a list of names";
                }
                List<String> names = new ArrayList<>();
                for (JsonNode n : v) {
                    if (!n.isTextual() || n.asText().isBlank()) {
                        return "must be a list of non-empty names";
                    }
                    names.add(n.asText());
                }
                values.put(key, names);
            }
            case "mutateByDefault" -> {
                if (!v.isBoolean()) {
                    return "must be true or false";
                }
                values.put(key, v.asBoolean());
            }
            default -> {
                java.util.TreeSet<String> known = new java.util.TreeSet<>(KEYS);
                return "unknown key"
                        + dev.vigil.config.Suggestions.closest(key, known)
                                .map(best -> " (did you mean '" + best + "'?)")
                                .orElse("")
                        + "; expected one of " + known;
            }
        }
        return null;
    }

    String string(String key) {
        return (String) values.get(key);
    }

    @SuppressWarnings("unchecked")
    List<String> list(String key) {
        return (List<String>) values.get(key);
    }
}
