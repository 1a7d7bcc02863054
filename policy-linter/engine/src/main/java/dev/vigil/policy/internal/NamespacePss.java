package dev.vigil.policy.internal;

import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.Profiles;
import dev.vigil.policy.PssCheck;
import dev.vigil.policy.PssVersion;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.RuleMetadata;
import dev.vigil.policy.Severity;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Namespace-aware Pod Security Standards: at which level, version and severity a PSS check applies to an object,
 * from the configuration and the Pod Security Admission labels of its Namespace in the input
 * ({@code pod-security.kubernetes.io/enforce|warn|audit} and their {@code -version}, or Vigil's own
 * {@code vigil.dev/…}, which take precedence). In order:
 *
 * <ol>
 *   <li>A PSS profile chosen explicitly ({@code --profile pss-baseline|pss-restricted}, or named in the
 *       configuration file's {@code profiles}) always applies, at the configured version and severity.
 *   <li>Otherwise a namespace's {@code enforce} label decides its level, as in the API server: a check its level
 *       covers is an error, at the label's version; the PSS checks of {@code recommended} yield to it (a namespace
 *       that enforces {@code privileged} gets none of them).
 *   <li>Otherwise (no {@code enforce} label) the configured profiles apply as everywhere else.
 *   <li>{@code warn} and {@code audit} labels only add: a check that the steps above do not apply but that one of
 *       them covers is a warning. They never turn a check off.
 * </ol>
 */
public final class NamespacePss {
    /** Pod Security Standards levels, weakest first. */
    public enum Level {
        PRIVILEGED,
        BASELINE,
        RESTRICTED;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How one PSS check applies to one object.
     *
     * @param severity the severity of its findings; null for the rule's configured severity
     * @param version the PSS version it follows
     * @param level the level the object is checked at
     * @param reason why, for reports
     */
    public record Decision(Severity severity, PssVersion version, Level level, String reason) {
        /** True when {@code other} applies the same way (a restricted check then replaces the baseline one). */
        public boolean sameAs(Decision other) {
            return other != null && java.util.Objects.equals(severity, other.severity) && version.equals(other.version);
        }

        public PssCheck check(Resource r) {
            return new PssCheck(r, level.id(), version, reason);
        }
    }

    private record Mode(String key, Level level, PssVersion version) {
        String describe() {
            return key + "=" + level.id();
        }
    }

    private record Modes(String namespace, Mode enforce, Mode warn, Mode audit) {}

    private static final String[] PREFIXES = {"vigil.dev/", "pod-security.kubernetes.io/"};

    private final Map<String, Modes> namespaces;

    /** A decision for an object outside the labelled namespaces, with the configuration it was made for. */
    private record Unlabelled(PolicyConfig config, Decision decision) {}

    /**
     * Decisions for objects outside the labelled namespaces of a selected rule: they depend only on the level, on
     * {@code explicit} and on the configuration, so they are made once per evaluation instead of once per PSS rule
     * (each made its reason string anew). Indexed by level and explicit; rules may run in parallel, hence atomic.
     */
    private final AtomicReferenceArray<Unlabelled> unlabelled = new AtomicReferenceArray<>(Level.values().length * 2);

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
                found.put(ns.name(), new Modes(ns.name(), enforce, warn, audit));
            }
        }
        return new NamespacePss(found);
    }

    private static Mode mode(Map<String, String> labels, String mode) {
        for (String prefix : PREFIXES) {
            String level = labels.get(prefix + mode);
            if (level != null) {
                return new Mode(prefix + mode, level(level), version(labels.get(prefix + mode + "-version")));
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
        if (rule.profiles().contains(Profiles.PSS_RESTRICTED)) {
            return Level.RESTRICTED;
        }
        return rule.profiles().contains(Profiles.PSS_BASELINE) ? Level.BASELINE : null;
    }

    /**
     * How a PSS check of {@code level} applies to {@code r}; null when it does not.
     *
     * @param selected the rule runs under the configuration (a selected profile holds it, or it is enabled)
     * @param explicit the rule was chosen explicitly: a chosen profile names its PSS level, or it is enabled by id
     */
    public Decision decide(Resource r, Level level, boolean selected, boolean explicit, PolicyConfig config) {
        Modes modes = r.namespace().isEmpty() ? null : namespaces.get(r.namespace());
        if (modes != null || !selected) {
            return decideUncached(modes, level, selected, explicit, config);
        }
        int slot = level.ordinal() * 2 + (explicit ? 1 : 0);
        Unlabelled known = unlabelled.get(slot);
        if (known == null || known.config() != config) {
            known = new Unlabelled(config, decideUncached(null, level, true, explicit, config));
            unlabelled.set(slot, known);
        }
        return known.decision();
    }

    private Decision decideUncached(Modes modes, Level level, boolean selected, boolean explicit, PolicyConfig config) {
        if (selected && explicit) {
            return new Decision(
                    null,
                    config.pssVersion(),
                    level,
                    "profile " + profileFor(level, config)
                            + " chosen explicitly"
                            + (modes == null || modes.enforce() == null
                                    ? ""
                                    : " (namespace " + modes.namespace() + " has "
                                            + modes.enforce().describe() + ")"));
        }
        if (modes != null && modes.enforce() != null) {
            Mode enforce = modes.enforce();
            if (enforce.level().compareTo(level) >= 0) {
                return new Decision(
                        Severity.ERROR,
                        enforce.version(),
                        level,
                        "namespace " + modes.namespace() + ": " + enforce.describe());
            }
            return additive(modes, level, " (" + enforce.describe() + ")");
        }
        if (selected) {
            return new Decision(null, config.pssVersion(), level, "profile " + profileFor(level, config));
        }
        return modes == null ? null : additive(modes, level, "");
    }

    /** A warning when {@code warn} or {@code audit} covers {@code level}: those labels only add checks. */
    private static Decision additive(Modes modes, Level level, String context) {
        for (Mode m : new Mode[] {modes.warn(), modes.audit()}) {
            if (m != null && m.level().compareTo(level) >= 0) {
                return new Decision(
                        Severity.WARNING,
                        m.version(),
                        level,
                        "namespace " + modes.namespace() + ": " + m.describe() + context);
            }
        }
        return null;
    }

    /** True when {@code config} explicitly chose a PSS profile that covers {@code level}. */
    public static boolean explicitlyChosen(Level level, PolicyConfig config) {
        for (String p : config.chosenProfiles()) {
            if (p.equals(Profiles.PSS_RESTRICTED) || (p.equals(Profiles.PSS_BASELINE) && level == Level.BASELINE)) {
                return true;
            }
        }
        return false;
    }

    private static String profileFor(Level level, PolicyConfig config) {
        for (String p : config.chosenProfiles()) {
            if (p.equals(Profiles.PSS_RESTRICTED) || (p.equals(Profiles.PSS_BASELINE) && level == Level.BASELINE)) {
                return p;
            }
        }
        return String.join(", ", config.chosenProfiles());
    }

    /**
     * The level {@code r} is checked at, for the report: the strongest level with a decision, or privileged
     * (no check) with the reason; only for objects of labelled namespaces, null otherwise.
     *
     * @param restricted how restricted checks apply ({@link #decide}); null when they do not
     * @param baseline how baseline checks apply; null when they do not
     */
    public PssCheck summary(Resource r, Decision restricted, Decision baseline, PolicyConfig config) {
        if (!governs(r)) {
            return null;
        }
        if (restricted != null && (baseline == null || restricted.sameAs(baseline))) {
            return restricted.check(r);
        }
        if (baseline != null) {
            String more = restricted == null ? "" : "; restricted checks as warnings (" + restricted.reason() + ")";
            return new PssCheck(r, Level.BASELINE.id(), baseline.version(), baseline.reason() + more);
        }
        if (restricted != null) {
            return restricted.check(r);
        }
        Modes modes = namespaces.get(r.namespace());
        String why = modes.enforce() != null
                ? "namespace " + modes.namespace() + ": " + modes.enforce().describe()
                : "namespace " + modes.namespace() + " has no enforce label and no PSS profile is selected";
        return new PssCheck(r, Level.PRIVILEGED.id(), config.pssVersion(), why);
    }
}
