package dev.vigil.webhook.admission;

import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PssVersion;
import dev.vigil.policy.Severity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the webhook decides, before namespace labels: cluster default levels, the severity that denies,
 * exemptions, mutation default and the base policy configuration. Immutable; {@link #toString()} shows it all.
 *
 * @param defaults levels used when a namespace has no (or an invalid) {@code vigil.dev/*} label
 * @param failOn enforce mode denies when an unsuppressed finding is at or above this severity (as {@code
 *     vigil lint --fail-on}; default error)
 * @param exemptNamespaces requests in these namespaces are never checked
 * @param exemptUsernames requests by these users are never checked
 * @param exemptRuntimeClasses pods (and templates) with these runtime classes are never checked
 * @param mutateByDefault mutate in namespaces without a {@code vigil.dev/mutate} label
 * @param policy base configuration: rules, severities, exemptions and custom rules; its profiles and PSS
 *     version are replaced per level
 */
public record AdmissionSettings(
        ModeLevels defaults,
        Severity failOn,
        Set<String> exemptNamespaces,
        Set<String> exemptUsernames,
        Set<String> exemptRuntimeClasses,
        boolean mutateByDefault,
        PolicyConfig policy) {

    /** Default exempt namespaces (the webhook's own namespace is added by the server). */
    public static final List<String> DEFAULT_EXEMPT_NAMESPACES = List.of("kube-system", "kube-node-lease");

    public AdmissionSettings {
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(failOn, "failOn");
        exemptNamespaces = Set.copyOf(exemptNamespaces);
        exemptUsernames = Set.copyOf(exemptUsernames);
        exemptRuntimeClasses = Set.copyOf(exemptRuntimeClasses);
        Objects.requireNonNull(policy, "policy");
    }

    /**
     * Cluster defaults as the issue sets them: enforce {@code pss-baseline}, warn and audit {@code recommended},
     * all at PSS {@code latest}; deny on errors; exempt {@code kube-system} and {@code kube-node-lease}.
     */
    public static AdmissionSettings standard() {
        PssVersion latest = PssVersion.LATEST;
        return new AdmissionSettings(
                new ModeLevels(
                        new Level("pss-baseline", latest),
                        new Level("recommended", latest),
                        new Level("recommended", latest)),
                Severity.ERROR,
                new LinkedHashSet<>(DEFAULT_EXEMPT_NAMESPACES),
                Set.of(),
                Set.of(),
                false,
                PolicyConfig.defaults());
    }

    public AdmissionSettings withDefaults(ModeLevels levels) {
        return new AdmissionSettings(
                levels, failOn, exemptNamespaces, exemptUsernames, exemptRuntimeClasses, mutateByDefault, policy);
    }

    public AdmissionSettings withFailOn(Severity severity) {
        return new AdmissionSettings(
                defaults, severity, exemptNamespaces, exemptUsernames, exemptRuntimeClasses, mutateByDefault, policy);
    }

    public AdmissionSettings withExemptions(Set<String> namespaces, Set<String> usernames, Set<String> runtimeClasses) {
        return new AdmissionSettings(defaults, failOn, namespaces, usernames, runtimeClasses, mutateByDefault, policy);
    }

    public AdmissionSettings withMutateByDefault(boolean mutate) {
        return new AdmissionSettings(
                defaults, failOn, exemptNamespaces, exemptUsernames, exemptRuntimeClasses, mutate, policy);
    }

    public AdmissionSettings withPolicy(PolicyConfig config) {
        return new AdmissionSettings(
                defaults, failOn, exemptNamespaces, exemptUsernames, exemptRuntimeClasses, mutateByDefault, config);
    }

    @Override
    public String toString() {
        return "AdmissionSettings{" + defaults + ", failOn=" + failOn.id() + ", exemptNamespaces="
                + new java.util.TreeSet<>(exemptNamespaces) + ", exemptUsernames="
                + new java.util.TreeSet<>(exemptUsernames) + ", exemptRuntimeClasses="
                + new java.util.TreeSet<>(exemptRuntimeClasses) + ", mutateByDefault=" + mutateByDefault + ", "
                + policy + "}";
    }
}
