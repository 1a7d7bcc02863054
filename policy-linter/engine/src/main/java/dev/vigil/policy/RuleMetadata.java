package dev.vigil.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything users and report formats need to know about a rule, written once in the rule's folder
 * ({@code rule.yaml}) and used by help output, generated docs and SARIF {@code rules[]}.
 *
 * @param id kebab-case, unique, stable (it is in suppression annotations and baselines)
 * @param title one line
 * @param severity default severity
 * @param category e.g. {@code pod-security}, {@code reliability}, {@code rbac}
 * @param profiles the profiles that contain the rule, e.g. {@code pss-baseline}
 * @param description what the rule checks and why, one paragraph
 * @param remediation how to fix a finding, ending with a period
 * @param docs longer Markdown text for {@code --explain} and generated docs
 * @param references links (upstream docs, CIS, peer checks)
 * @param peers equivalent checks of other tools, by tool ({@link #PEER_TOOLS}), for migration tables; empty when
 *     none
 */
public record RuleMetadata(
        String id,
        String title,
        Severity severity,
        String category,
        Set<String> profiles,
        String description,
        String remediation,
        String docs,
        List<String> references,
        Map<String, List<String>> peers) {
    /** The tools {@link #peers()} may name, in display order. */
    public static final List<String> PEER_TOOLS = List.of("kube-linter", "polaris", "kube-score", "checkov", "trivy");

    /** Metadata without peer mapping (the original signature). */
    public RuleMetadata(
            String id,
            String title,
            Severity severity,
            String category,
            Set<String> profiles,
            String description,
            String remediation,
            String docs,
            List<String> references) {
        this(id, title, severity, category, profiles, description, remediation, docs, references, Map.of());
    }

    public RuleMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        profiles = Set.copyOf(profiles);
        references = List.copyOf(references);
        Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
        if (peers != null) {
            peers.forEach((tool, ids) -> copy.put(tool, List.copyOf(ids)));
        }
        peers = java.util.Collections.unmodifiableMap(copy);
    }

    /** The rule's documentation page. */
    public String helpUri() {
        return "https://github.com/vigil-dev/vigil/blob/main/docs/rules.md#" + id;
    }
}
