package dev.vigil.policy;

import java.time.LocalDate;
import java.util.Set;

/**
 * A configured exception to the rules: objects matching every given key are exempt from the given rules.
 *
 * @param rules rule ids, empty for all rules
 * @param kind object kind, null for any
 * @param namespace namespace, null for any
 * @param name object name, null for any
 * @param container container name, null for any
 * @param reason why (required; shown in reports)
 * @param expires last day the exemption applies; null for never
 */
public record Exemption(
        Set<String> rules,
        String kind,
        String namespace,
        String name,
        String container,
        String reason,
        LocalDate expires) {
    public Exemption {
        rules = Set.copyOf(rules);
    }

    /** True when the exemption has expired on {@code today}. */
    public boolean expired(LocalDate today) {
        return expires != null && today.isAfter(expires);
    }

    /** True when the exemption covers {@code finding}. */
    public boolean covers(Finding finding) {
        Resource r = finding.resource();
        return (rules.isEmpty() || rules.contains(finding.ruleId()))
                && (kind == null || kind.equals(r.kind()))
                && (namespace == null || namespace.equals(r.namespace()))
                && (name == null || name.equals(r.name()))
                && (container == null || containerOf(finding).equals(container));
    }

    private static String containerOf(Finding finding) {
        for (PodSpec pod : ResourceSet.findPodSpecs(finding.resource())) {
            for (PodSpec.Container c : pod.allContainers()) {
                if (finding.path().equals(c.path()) || finding.path().startsWith(c.path() + ".")) {
                    return c.name();
                }
            }
        }
        return "";
    }
}
