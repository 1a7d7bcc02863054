package dev.vigil.policy;

import dev.vigil.policy.internal.NamespacePss;
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

    /** File, line, column, rule id, path (written out: the report of a large input sorts ~10^5 findings). */
    private static final Comparator<Finding> ORDER = (a, b) -> {
        SourcePosition pa = a.position();
        SourcePosition pb = b.position();
        int c = pa.file() == pb.file() ? 0 : pa.file().compareTo(pb.file());
        if (c == 0) {
            c = Integer.compare(pa.line(), pb.line());
        }
        if (c == 0) {
            c = Integer.compare(pa.column(), pb.column());
        }
        if (c == 0) {
            c = a.ruleId().compareTo(b.ruleId());
        }
        return c != 0 ? c : a.path().compareTo(b.path());
    };

    private final PolicyConfig config;
    private final List<Rule> rules;
    /** PSS rules no selected profile holds: they run only for objects in namespaces with Pod Security labels. */
    private final List<Rule> namespaceOnly;

    private PolicyEngine(PolicyConfig config, List<Rule> candidates) {
        this.config = config;
        this.rules =
                candidates.stream().filter(r -> config.isActive(r.metadata())).toList();
        this.namespaceOnly = candidates.stream()
                .filter(r -> !config.isActive(r.metadata())
                        && !config.disabledRules().contains(r.metadata().id())
                        && NamespacePss.levelOf(r.metadata()) != null)
                .toList();
    }

    /** An engine with every built-in rule and the configuration's custom rules. */
    public static PolicyEngine create(PolicyConfig config) {
        List<Rule> all = new ArrayList<>(BuiltInRules.all());
        for (Rule custom : config.customRules()) {
            all.add(custom);
        }
        return new PolicyEngine(config, all);
    }

    /**
     * Starts reading the built-in rule catalogue (one {@code rule.yaml} per rule, ~0.1-0.3 s of start-up) and
     * initialising the schema validator on a daemon thread, so that a command-line run does it on an idle core while
     * its own start-up (option parsing, reading the configuration) goes on; whoever needs them first waits for the
     * class initialisation that is under way instead of doing it again. Optional, idempotent in effect, and never
     * throws: a failure surfaces, as before, where the rules are first used.
     */
    public static void warmUpInBackground() {
        Thread warmUp = new Thread(
                () -> {
                    try {
                        BuiltInRules.all();
                        dev.vigil.policy.schema.KubeSchemas.warmUp();
                    } catch (Throwable ignored) { // reported by the caller that needs them
                    }
                },
                "vigil-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
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
        return evaluate(set, set.resources().size() >= PARALLEL_FROM && PARALLELISM > 1);
    }

    /** {@link #evaluate(ResourceSet)} with the rules run in sequence or spread over the cores. */
    Report evaluate(ResourceSet set, boolean parallel) {
        List<Finding> findings = new ArrayList<>();
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        NamespacePss namespaces = NamespacePss.of(set);
        List<Rule> toRun = new ArrayList<>(rules);
        if (!namespaces.isEmpty()) {
            toRun.addAll(namespaceOnly);
        }
        if (parallel && toRun.size() > 1) {
            // a large input (a CI run over many manifests): rules are independent and read a read-only set, so they
            // run on every core. The per-object checks are split into slices of the objects (each slice runs every
            // rule, so work computed once per object, like schema validation, is spread too and stays on one
            // thread), the whole-set checks one task per rule; each task writes into its own lists. Joined as in
            // sequence (per rule: its slices in order, then its whole-set findings), the report is the same.
            List<Resource> resources = set.resources();
            int n = resources.size();
            int slice = Math.max(32, n / (PARALLELISM * 16));
            int slices = (n + slice - 1) / slice;
            int ruleCount = toRun.size();
            List<List<List<Finding>>> perTask = java.util.stream.IntStream.range(0, ruleCount + slices)
                    .parallel()
                    .mapToObj(t -> t < ruleCount
                            ? List.of(runAll(toRun.get(t), set, namespaces))
                            : runSlice(
                                    toRun,
                                    set,
                                    namespaces,
                                    (t - ruleCount) * slice,
                                    Math.min(n, (t - ruleCount + 1) * slice)))
                    .toList();
            for (int i = 0; i < ruleCount; i++) {
                for (int s = 0; s < slices; s++) {
                    findings.addAll(perTask.get(ruleCount + s).get(i));
                }
                findings.addAll(perTask.get(i).get(0));
            }
        } else {
            for (Rule rule : toRun) {
                run(rule, set, findings, namespaces);
            }
        }
        List<Finding> out;
        if (parallel) {
            Finding[] sorted = findings.toArray(new Finding[0]);
            java.util.Arrays.parallelSetAll(sorted, i -> applySuppressions(sorted[i], today));
            // Arrays.parallelSort is stable, like List.sort: the same order either way
            java.util.Arrays.parallelSort(sorted, ORDER);
            out = java.util.Arrays.asList(sorted);
        } else {
            out = new ArrayList<>(findings.size());
            for (Finding f : findings) {
                out.add(applySuppressions(f, today));
            }
            out.sort(ORDER);
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (Resource r : set.resources()) {
            problems.addAll(r.fieldProblems());
        }
        return new Report(out, pssChecks(set, namespaces), problems);
    }

    /** The level each workload of a namespace with Pod Security labels is checked at, and why. */
    private List<PssCheck> pssChecks(ResourceSet set, NamespacePss namespaces) {
        if (namespaces.isEmpty()) {
            return List.of();
        }
        boolean restricted = config.profiles().contains(Profiles.PSS_RESTRICTED);
        boolean baseline = config.profiles().contains(Profiles.PSS_BASELINE);
        List<PssCheck> out = new ArrayList<>();
        for (Resource r : set.resources()) {
            if (set.podSpecs(r).isEmpty() || !namespaces.governs(r)) {
                continue;
            }
            NamespacePss.Decision dr = namespaces.decide(
                    r,
                    NamespacePss.Level.RESTRICTED,
                    restricted,
                    NamespacePss.explicitlyChosen(NamespacePss.Level.RESTRICTED, config),
                    config);
            NamespacePss.Decision db = namespaces.decide(
                    r,
                    NamespacePss.Level.BASELINE,
                    baseline,
                    NamespacePss.explicitlyChosen(NamespacePss.Level.BASELINE, config),
                    config);
            out.add(namespaces.summary(r, dr, db, config));
        }
        return out;
    }

    /** Inputs at least this large are checked with the rules spread over the available cores. */
    private static final int PARALLEL_FROM = 256;

    private static final int PARALLELISM = Runtime.getRuntime().availableProcessors();

    private void run(Rule rule, ResourceSet set, List<Finding> findings, NamespacePss namespaces) {
        Context ctx = new Context(rule.metadata(), set, findings, namespaces, rules.contains(rule));
        List<Resource> resources = set.resources();
        for (int i = 0, n = resources.size(); i < n; i++) {
            Resource r = resources.get(i);
            ctx.current = r;
            rule.checkResource(r, ctx);
            List<PodSpec> pods = set.podSpecsAt(i);
            for (int p = 0, m = pods.size(); p < m; p++) { // no iterator per rule and object
                rule.checkPod(pods.get(p), ctx);
            }
        }
        ctx.current = null;
        rule.checkAll(set, ctx);
    }

    /** The per-object checks of every rule on objects {@code from} (inclusive) to {@code to}: one list per rule. */
    private List<List<Finding>> runSlice(List<Rule> toRun, ResourceSet set, NamespacePss namespaces, int from, int to) {
        List<List<Finding>> out = new ArrayList<>(toRun.size());
        List<Resource> resources = set.resources();
        for (Rule rule : toRun) {
            List<Finding> own = new ArrayList<>();
            Context ctx = new Context(rule.metadata(), set, own, namespaces, rules.contains(rule));
            for (int i = from; i < to; i++) {
                Resource r = resources.get(i);
                ctx.current = r;
                rule.checkResource(r, ctx);
                for (PodSpec pod : set.podSpecsAt(i)) {
                    rule.checkPod(pod, ctx);
                }
            }
            out.add(own);
        }
        return out;
    }

    /** The whole-set check of one rule. */
    private List<Finding> runAll(Rule rule, ResourceSet set, NamespacePss namespaces) {
        List<Finding> own = new ArrayList<>();
        Context ctx = new Context(rule.metadata(), set, own, namespaces, rules.contains(rule));
        rule.checkAll(set, ctx);
        return own;
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
        private final NamespacePss namespaces;
        private final NamespacePss.Level level;
        private final boolean selected;
        private final boolean explicit;
        /** Decisions of this rule by namespace (they depend on nothing else); the context is used by one thread. */
        private Map<String, java.util.Optional<NamespacePss.Decision>> decisions; // made on the second namespace
        /** The last namespace asked for and its decision (no map lookup or lambda per call). */
        private String lastNamespace;

        private NamespacePss.Decision lastDecision;
        /** The object being checked (null in checkAll). */
        Resource current;

        Context(RuleMetadata rule, ResourceSet set, List<Finding> sink, NamespacePss namespaces, boolean selected) {
            this.rule = rule;
            this.set = set;
            this.sink = sink;
            this.namespaces = namespaces;
            this.level = NamespacePss.levelOf(rule);
            this.selected = selected;
            this.explicit = explicit(rule, level);
        }

        /** How this PSS rule applies to {@code r}; null when it does not (or the rule is no PSS rule). */
        private NamespacePss.Decision decision(Resource r) {
            if (level == null) {
                return null;
            }
            String ns = r.namespace();
            if (ns.equals(lastNamespace)) { // the common case: every call of a review is for one object
                return lastDecision;
            }
            java.util.Optional<NamespacePss.Decision> d = decisions == null ? null : decisions.get(ns);
            if (d == null) {
                d = java.util.Optional.ofNullable(namespaces.decide(r, level, selected, explicit, config));
                if (lastNamespace != null) { // keep the earlier namespace's decision too
                    if (decisions == null) {
                        decisions = new java.util.HashMap<>();
                        decisions.put(lastNamespace, java.util.Optional.ofNullable(lastDecision));
                    }
                    decisions.put(ns, d);
                }
            }
            lastNamespace = ns;
            lastDecision = d.orElse(null);
            return lastDecision;
        }

        @Override
        public PolicyConfig config() {
            return config;
        }

        @Override
        public PssVersion pssVersion(Resource resource) {
            NamespacePss.Decision d = decision(resource);
            return d == null ? config.pssVersion() : d.version();
        }

        @Override
        public ResourceSet resources() {
            return set;
        }

        @Override
        public boolean isRuleActive(String ruleId) {
            Rule restricted = restrictedPssRule(ruleId);
            if (current != null && level != null && restricted != null) {
                // the restricted check replaces this baseline one where it applies the same way (same severity and
                // version), as Pod Security Admission runs only the restricted check at level restricted
                boolean sel = rules.contains(restricted);
                NamespacePss.Decision theirs = namespaces.decide(
                        current,
                        NamespacePss.Level.RESTRICTED,
                        sel,
                        sel && explicit(restricted.metadata(), NamespacePss.Level.RESTRICTED),
                        config);
                return theirs != null && theirs.sameAs(decision(current));
            }
            for (Rule r : rules) {
                if (r.metadata().id().equals(ruleId)) {
                    return true;
                }
            }
            return false;
        }

        private Rule restrictedPssRule(String ruleId) {
            for (List<Rule> list : List.of(rules, namespaceOnly)) {
                for (Rule r : list) {
                    if (r.metadata().id().equals(ruleId)) {
                        return NamespacePss.levelOf(r.metadata()) == NamespacePss.Level.RESTRICTED ? r : null;
                    }
                }
            }
            return null;
        }

        @Override
        public void report(Resource resource, String path, String message) {
            report(resource, path, message, null);
        }

        @Override
        public void report(Resource resource, String path, String message, Severity decided) {
            Severity severity = decided != null && !config.severityOverrides().containsKey(rule.id())
                    ? decided
                    : config.severityOf(rule);
            PssCheck pss = null;
            if (level != null) {
                NamespacePss.Decision d = decision(resource);
                if (d == null) {
                    return;
                }
                if (d.severity() != null) {
                    severity = d.severity();
                }
                pss = d.check(resource);
            } else if (!selected) {
                return;
            }
            sink.add(new Finding(
                    rule.id(),
                    severity,
                    message,
                    resource,
                    path,
                    resource.position(path),
                    rule.remediation(),
                    null,
                    pss));
        }
    }

    /** A PSS rule was chosen explicitly: a chosen profile names its level, or it is enabled by id. */
    private boolean explicit(RuleMetadata rule, NamespacePss.Level level) {
        return level != null
                && (NamespacePss.explicitlyChosen(level, config)
                        || config.enabledRules().contains(rule.id()));
    }
}
