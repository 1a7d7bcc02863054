package dev.vigil.policy;

import dev.vigil.policy.rules.BuiltInRules;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Runs the active rules of a {@link PolicyConfig} over a {@link ResourceSet}. Immutable and thread-safe: build it
 * once, evaluate many times (the admission webhook shares one across requests).
 */
public final class PolicyEngine {
    /** Annotation prefix that suppresses a rule on one object: {@code ignore.vigil.dev/<rule-id>: "<reason>"}. */
    public static final String SUPPRESS_PREFIX = "ignore.vigil.dev/";

    private static final Comparator<Finding> ORDER = Comparator.comparing(
                    (Finding f) -> f.position().file())
            .thenComparingInt(f -> f.position().line())
            .thenComparingInt(f -> f.position().column())
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::path);

    private final PolicyConfig config;
    private final List<Rule> rules;

    private PolicyEngine(PolicyConfig config, List<Rule> candidates) {
        this.config = config;
        this.rules =
                candidates.stream().filter(r -> config.isActive(r.metadata())).toList();
    }

    /** An engine with every built-in rule and the configuration's custom rules. */
    public static PolicyEngine create(PolicyConfig config) {
        List<Rule> all = new ArrayList<>(BuiltInRules.all());
        for (Rule custom : config.customRules()) {
            all.add(custom);
        }
        return new PolicyEngine(config, all);
    }

    /** An engine over exactly {@code rules} (tests, embedding). */
    public static PolicyEngine create(PolicyConfig config, List<Rule> rules) {
        return new PolicyEngine(config, rules);
    }

    public PolicyConfig config() {
        return config;
    }

    /** The rules that run under this configuration. */
    public List<Rule> activeRules() {
        return rules;
    }

    public Report evaluate(List<Resource> resources) {
        return evaluate(ResourceSet.of(resources));
    }

    public Report evaluate(ResourceSet set) {
        List<Finding> findings = new ArrayList<>();
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        for (Rule rule : rules) {
            Context ctx = new Context(rule.metadata(), set, findings);
            for (Resource r : set.resources()) {
                rule.checkResource(r, ctx);
                for (PodSpec pod : set.podSpecs(r)) {
                    rule.checkPod(pod, ctx);
                }
            }
            rule.checkAll(set, ctx);
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            out.add(applySuppressions(f, today));
        }
        out.sort(ORDER);
        return new Report(out);
    }

    private Finding applySuppressions(Finding f, LocalDate today) {
        for (Exemption e : config.exemptions()) {
            if (!e.expired(today) && e.covers(f)) {
                return f.suppress("exempted in configuration: " + e.reason());
            }
        }
        if (config.nonWaivable().contains(f.ruleId())) {
            return f;
        }
        Map<String, String> annotations = f.resource().annotations();
        String reason = annotations.get(SUPPRESS_PREFIX + f.ruleId());
        if (reason != null && !reason.isBlank()) {
            return f.suppress(reason.strip());
        }
        return f;
    }

    private final class Context implements RuleContext {
        private final RuleMetadata rule;
        private final ResourceSet set;
        private final List<Finding> sink;

        Context(RuleMetadata rule, ResourceSet set, List<Finding> sink) {
            this.rule = rule;
            this.set = set;
            this.sink = sink;
        }

        @Override
        public PolicyConfig config() {
            return config;
        }

        @Override
        public PssVersion pssVersion(Resource resource) {
            return config.pssVersion();
        }

        @Override
        public ResourceSet resources() {
            return set;
        }

        @Override
        public boolean isRuleActive(String ruleId) {
            for (Rule r : rules) {
                if (r.metadata().id().equals(ruleId)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void report(Resource resource, String path, String message) {
            sink.add(new Finding(
                    rule.id(),
                    config.severityOf(rule),
                    message,
                    resource,
                    path,
                    resource.position(path),
                    rule.remediation(),
                    null));
        }
    }
}
