package dev.vigil.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one immutable configuration every front end builds: which profiles and rules run, at which Pod Security
 * Standards version, with which severity overrides and exemptions. {@link #toString()} shows it all.
 */
public final class PolicyConfig {
    private final Set<String> profiles;
    private final List<String> chosenProfiles;
    private final PssVersion pssVersion;
    private final Set<String> disabledRules;
    private final Set<String> enabledRules;
    private final Map<String, Severity> severityOverrides;
    private final List<Exemption> exemptions;
    private final Set<String> nonWaivable;
    private final List<Rule> customRules;
    private final String kubeVersion;
    private final List<String> crdPaths;

    private PolicyConfig(Builder b) {
        this.chosenProfiles = List.copyOf(b.profiles.isEmpty() ? List.of(Profiles.RECOMMENDED) : b.profiles);
        this.profiles = Set.copyOf(Profiles.expand(chosenProfiles));
        this.pssVersion = b.pssVersion;
        this.disabledRules = Set.copyOf(b.disabledRules);
        this.enabledRules = Set.copyOf(b.enabledRules);
        this.severityOverrides = Map.copyOf(b.severityOverrides);
        this.exemptions = List.copyOf(b.exemptions);
        this.nonWaivable = Set.copyOf(b.nonWaivable);
        this.customRules = List.copyOf(b.customRules);
        this.kubeVersion = b.kubeVersion;
        this.crdPaths = List.copyOf(b.crdPaths);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: profile {@code recommended}, PSS version latest. */
    public static PolicyConfig defaults() {
        return builder().build();
    }

    /** The selected profiles with every profile they include. */
    public Set<String> profiles() {
        return profiles;
    }

    /**
     * The profiles as chosen ({@code --profile}, the configuration file's {@code profiles}), before expansion;
     * {@code [recommended]} when none was. A Pod Security Standards profile named here was chosen explicitly and
     * applies to every object, whatever the Pod Security labels of its namespace; the PSS checks that
     * {@code recommended} brings yield to a namespace's {@code enforce} label.
     */
    public List<String> chosenProfiles() {
        return chosenProfiles;
    }

    public PssVersion pssVersion() {
        return pssVersion;
    }

    public Set<String> disabledRules() {
        return disabledRules;
    }

    /** Rules turned on by id although no selected profile holds them. */
    public Set<String> enabledRules() {
        return enabledRules;
    }

    public Map<String, Severity> severityOverrides() {
        return severityOverrides;
    }

    public List<Exemption> exemptions() {
        return exemptions;
    }

    /** Rules that no annotation can suppress. */
    public Set<String> nonWaivable() {
        return nonWaivable;
    }

    /** Rules declared in configuration (CEL, JSON Schema), run beside the built-in ones. */
    public List<Rule> customRules() {
        return customRules;
    }

    /**
     * The Kubernetes version whose bundled schemas the {@code schema} profile validates against, e.g.
     * {@code v1.33}; null for the newest bundled one.
     */
    public String kubeVersion() {
        return kubeVersion;
    }

    /** Files or directories holding CustomResourceDefinitions that custom resources are validated against. */
    public List<String> crdPaths() {
        return crdPaths;
    }

    /** True when {@code rule} runs under this configuration. */
    public boolean isActive(RuleMetadata rule) {
        if (disabledRules.contains(rule.id())) {
            return false;
        }
        if (enabledRules.contains(rule.id())) {
            return true;
        }
        for (String p : rule.profiles()) {
            if (profiles.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /** The severity findings of {@code rule} get. */
    public Severity severityOf(RuleMetadata rule) {
        return severityOverrides.getOrDefault(rule.id(), rule.severity());
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.profiles.addAll(chosenProfiles);
        b.pssVersion = pssVersion;
        b.disabledRules.addAll(disabledRules);
        b.enabledRules.addAll(enabledRules);
        b.severityOverrides.putAll(severityOverrides);
        b.exemptions.addAll(exemptions);
        b.nonWaivable.addAll(nonWaivable);
        b.customRules.addAll(customRules);
        b.kubeVersion = kubeVersion;
        b.crdPaths.addAll(crdPaths);
        return b;
    }

    @Override
    public String toString() {
        return "PolicyConfig{profiles=" + new java.util.TreeSet<>(profiles) + ", pssVersion=" + pssVersion
                + ", disabled=" + disabledRules + ", enabled=" + enabledRules + ", severities=" + severityOverrides
                + ", exemptions=" + exemptions.size() + ", nonWaivable=" + nonWaivable + ", customRules="
                + customRules.stream().map(r -> r.metadata().id()).toList()
                + (kubeVersion == null ? "" : ", kubeVersion=" + kubeVersion)
                + (crdPaths.isEmpty() ? "" : ", crdPaths=" + crdPaths) + "}";
    }

    /** Builds a {@link PolicyConfig}; unknown profiles fail in {@link #build()}. */
    public static final class Builder {
        private final Set<String> profiles = new LinkedHashSet<>();
        private PssVersion pssVersion = PssVersion.LATEST;
        private final Set<String> disabledRules = new LinkedHashSet<>();
        private final Set<String> enabledRules = new LinkedHashSet<>();
        private final Map<String, Severity> severityOverrides = new LinkedHashMap<>();
        private final List<Exemption> exemptions = new ArrayList<>();
        private final Set<String> nonWaivable = new LinkedHashSet<>();
        private final List<Rule> customRules = new ArrayList<>();
        private String kubeVersion;
        private final List<String> crdPaths = new ArrayList<>();

        private Builder() {}

        /** Adds a profile (default when none is added: {@code recommended}). */
        public Builder profile(String profile) {
            profiles.add(profile);
            return this;
        }

        /** Replaces the profiles. */
        public Builder profiles(Iterable<String> names) {
            profiles.clear();
            names.forEach(profiles::add);
            return this;
        }

        public Builder pssVersion(PssVersion version) {
            this.pssVersion = version;
            return this;
        }

        public Builder disableRule(String id) {
            disabledRules.add(id);
            return this;
        }

        public Builder enableRule(String id) {
            enabledRules.add(id);
            return this;
        }

        public Builder severity(String ruleId, Severity severity) {
            severityOverrides.put(ruleId, severity);
            return this;
        }

        public Builder exemption(Exemption exemption) {
            exemptions.add(exemption);
            return this;
        }

        public Builder nonWaivable(String ruleId) {
            nonWaivable.add(ruleId);
            return this;
        }

        public Builder customRule(Rule rule) {
            customRules.add(rule);
            return this;
        }

        /** The Kubernetes version for schema validation ({@code v1.33}); null for the newest bundled one. */
        public Builder kubeVersion(String version) {
            this.kubeVersion = version;
            return this;
        }

        /** Adds a file or directory of CustomResourceDefinitions for schema validation of custom resources. */
        public Builder crdPath(String path) {
            crdPaths.add(path);
            return this;
        }

        /** @throws IllegalArgumentException on an unknown profile */
        public PolicyConfig build() {
            return new PolicyConfig(this);
        }
    }
}
