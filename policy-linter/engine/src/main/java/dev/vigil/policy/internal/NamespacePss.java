package dev.vigil.policy.internal;

import dev.vigil.policy.PssVersion;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.RuleMetadata;
import dev.vigil.policy.Severity;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Namespace-aware Pod Security Standards: the Namespace objects of the input that carry Pod Security Admission
 * labels ({@code pod-security.kubernetes.io/enforce|warn|audit} and their {@code -version}) or Vigil's own
 * ({@code vigil.dev/enforce|warn|audit[-version]}, which take precedence) decide at which level and version the
 * workloads of that namespace are linted: a check covered by the {@code enforce} level is an error, one covered
 * only by {@code warn} or {@code audit} a warning, one covered by no mode is not reported. Objects in namespaces
 * without such labels follow the configuration.
 */
public final class NamespacePss {
    /** Pod Security Standards levels, weakest first. */
    public enum Level {
        PRIVILEGED,
        BASELINE,
        RESTRICTED
    }

    private record Mode(Level level, PssVersion version) {}

    private record Modes(Mode enforce, Mode warn, Mode audit) {
        /** The first mode (enforce, warn, audit) whose level covers {@code level}; null for none. */
        Mode covering(Level level) {
            for (Mode m : new Mode[] {enforce, warn, audit}) {
                if (m != null && m.level().compareTo(level) >= 0) {
                    return m;
                }
            }
            return null;
        }
    }

    private static final String[] PREFIXES = {"vigil.dev/", "pod-security.kubernetes.io/"};
    private static final NamespacePss NONE = new NamespacePss(Map.of());

    private final Map<String, Modes> namespaces;

    private NamespacePss(Map<String, Modes> namespaces) {
        this.namespaces = namespaces;
    }

    /** The labelled namespaces of {@code set}. */
    public static NamespacePss of(ResourceSet set) {
        Map<String, Modes> found = new HashMap<>();
        for (Resource ns : set.ofKind("Namespace")) {
            if (!ns.group().isEmpty()) {
                continue;
            }
            Map<String, String> labels = ns.labels();
            Mode enforce = mode(labels, "enforce");
            Mode warn = mode(labels, "warn");
            Mode audit = mode(labels, "audit");
            if (enforce != null || warn != null || audit != null) {
                found.put(ns.name(), new Modes(enforce, warn, audit));
            }
        }
        return found.isEmpty() ? NONE : new NamespacePss(found);
    }

    private static Mode mode(Map<String, String> labels, String mode) {
        for (String prefix : PREFIXES) {
            String level = labels.get(prefix + mode);
            if (level != null) {
                return new Mode(level(level), version(labels.get(prefix + mode + "-version")));
            }
        }
        return null;
    }

    /** Like Pod Security Admission, an unknown level is treated as the most restrictive one. */
    private static Level level(String value) {
        try {
            return Level.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Level.RESTRICTED;
        }
    }

    private static PssVersion version(String value) {
        if (value == null) {
            return PssVersion.LATEST;
        }
        try {
            return PssVersion.parse(value.strip());
        } catch (IllegalArgumentException e) {
            return PssVersion.LATEST;
        }
    }

    public boolean isEmpty() {
        return namespaces.isEmpty();
    }

    /** True when {@code r} is in a namespace of the input with Pod Security labels. */
    public boolean governs(Resource r) {
        return !r.namespace().isEmpty() && namespaces.containsKey(r.namespace());
    }

    /** The level a Pod Security Standards rule checks: null for other rules. */
    public static Level levelOf(RuleMetadata rule) {
        if (rule.profiles().contains("pss-restricted")) {
            return Level.RESTRICTED;
        }
        return rule.profiles().contains("pss-baseline") ? Level.BASELINE : null;
    }

    /**
     * The severity of a finding of a rule at {@code level} on {@code r} in a governed namespace: error when the
     * enforce level covers it, warning when only warn or audit does, null when no mode covers it.
     */
    public Severity severity(Resource r, Level level) {
        Modes modes = namespaces.get(r.namespace());
        Mode m = modes.covering(level);
        if (m == null) {
            return null;
        }
        return m == modes.enforce() ? Severity.ERROR : Severity.WARNING;
    }

    /**
     * The version {@code r} is checked at: that of the first mode (enforce, warn, audit) above privileged; null
     * when none.
     */
    public PssVersion version(Resource r) {
        Mode m = namespaces.get(r.namespace()).covering(Level.BASELINE);
        return m == null ? null : m.version();
    }

    /**
     * True when restricted checks replace the baseline checks they override for {@code r}: the mode that reports
     * baseline findings is at level restricted.
     */
    public boolean restrictedReplacesBaseline(Resource r) {
        Mode m = namespaces.get(r.namespace()).covering(Level.BASELINE);
        return m != null && m.level() == Level.RESTRICTED;
    }
}
