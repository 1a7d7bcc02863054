package dev.vigil.lint.cli;

import dev.vigil.config.cli.CommandRunner;
import dev.vigil.config.cli.CommandRunner.Usage;
import dev.vigil.config.cli.ExitCode;
import dev.vigil.policy.Exemption;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.PssVersion;
import dev.vigil.policy.Report;
import dev.vigil.policy.Rule;
import dev.vigil.policy.RuleMetadata;
import dev.vigil.policy.Severity;
import dev.vigil.policy.config.ConfigException;
import dev.vigil.policy.config.ConfigFile;
import dev.vigil.policy.config.ConfigProblem;
import dev.vigil.policy.load.HelmOptions;
import dev.vigil.policy.load.KustomizeMode;
import dev.vigil.policy.load.LoadLimits;
import dev.vigil.policy.load.LoadProblem;
import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import dev.vigil.policy.report.LintResult;
import dev.vigil.policy.report.ReportFormat;
import dev.vigil.policy.report.RuleDocs;
import dev.vigil.policy.report.RuleExamples;
import dev.vigil.policy.report.TextReportWriter;
import dev.vigil.policy.rules.BuiltInRules;
import dev.vigil.policy.schema.KubeSchemas;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil lint}: turns options into a {@link PolicyConfig}, loads the inputs, runs the engine and renders
 * the report. Machine output goes to stdout (or {@code --output}), the human summary and every problem to
 * stderr. Never throws: every outcome is an {@link ExitCode}.
 */
@Command(
        name = "vigil lint",
        sortOptions = false,
        usageHelpAutoWidth = true,
        headerHeading = "",
        header = "Lint Kubernetes manifests against Pod Security Standards and best practices.",
        synopsisHeading = "%nUsage: ",
        customSynopsis = {
            "vigil lint [OPTIONS] PATH...",
            "       vigil lint --list-rules [--format text|json|markdown]",
            "       vigil lint --explain RULE"
        },
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  nothing at or above --fail-on",
            "  1  findings at or above --fail-on",
            "  2  usage error, invalid configuration, or an input that cannot be read",
            "     or parsed (printed to stderr as file:line:col: what is wrong; the",
            "     other inputs are still linted and reported)",
            "",
            "Suppress a rule on one object with the annotation",
            "  ignore.vigil.dev/<rule-id>: \"<reason>\"",
            "Docs: https://github.com/vigil-dev/vigil/blob/main/policy-linter/README.md"
        })
public final class LintCommand {
    @Parameters(
            paramLabel = "PATH",
            arity = "0..*",
            description = "Files, directories (recursive *.yaml, *.yml, *.json; kustomize directories are rendered "
                    + "with kubectl kustomize, Helm chart directories (Chart.yaml) with Helm's library), or - "
                    + "for stdin.")
    List<String> paths = new ArrayList<>();

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "Profile to apply; repeatable. pss-baseline, pss-restricted, best-practices, schema, "
                    + "recommended (default: recommended = pss-restricted + best-practices + schema, or the "
                    + "config file's profiles).")
    List<String> profiles = new ArrayList<>();

    @Option(
            names = "--pss-version",
            paramLabel = "VERSION",
            description = "Pod Security Standards version: v1.0 ... v1.37 or latest (default: latest).")
    String pssVersion;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "text (default), json, sarif or junit; with --list-rules: text, json or markdown.")
    String format = "text";

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(
            names = "--fail-on",
            paramLabel = "LEVEL",
            description = "Exit 1 when a finding is at or above LEVEL: error (default), warning, info or never.")
    String failOn = "error";

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Configuration file (default: .vigil.yaml in the working directory, when present).")
    Path config;

    @Option(
            names = "--kube-version",
            paramLabel = "VERSION",
            description = "Kubernetes version for the schema profile, e.g. v1.33 (default: the newest bundled; "
                    + "bundled: v1.37, v1.33, v1.30; others use the newest bundled one not newer); Helm charts' "
                    + "kubeVersion constraints are checked against it.")
    String kubeVersion;

    @Option(
            names = "--crd",
            paramLabel = "PATH",
            description = "File or directory of CustomResourceDefinitions to validate custom resources against; "
                    + "repeatable (CRDs in the input are used too).")
    List<String> crds = new ArrayList<>();

    @Option(
            names = "--kustomize",
            paramLabel = "MODE",
            description = "Directories holding a kustomization.yaml: auto (default: render them; the summary counts "
                    + "the files the kustomization does not reference), off (lint every file as written), only "
                    + "(render kustomizations only; other files in directories are counted, not read).")
    String kustomize = "auto";

    @Option(
            names = "--values",
            paramLabel = "FILE",
            description = "Helm charts: a values file, as helm template --values; repeatable, later ones win.")
    List<Path> helmValues = new ArrayList<>();

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Helm charts: set a value, as helm template --set (a.b=c,d[0]=e); repeatable.")
    List<String> helmSet = new ArrayList<>();

    @Option(
            names = "--release-name",
            paramLabel = "NAME",
            description = "Helm charts: the release name (default: release-name).")
    String releaseName;

    @Option(
            names = "--namespace",
            paramLabel = "NAMESPACE",
            description = "Helm charts: the release namespace (default: default).")
    String namespace;

    @Option(
            names = "--fix",
            description = "Add missing safe securityContext defaults (runAsNonRoot, seccomp RuntimeDefault, "
                    + "allowPrivilegeEscalation false, drop ALL) to the input files in place, then lint them.")
    boolean fix;

    @Option(names = "--dry-run", description = "With --fix: print the changes as a unified diff; change no file.")
    boolean dryRun;

    @Option(names = "--list-rules", description = "List every rule and exit.")
    boolean listRules;

    @Option(
            names = "--explain",
            paramLabel = "RULE",
            description = "Explain one rule: metadata, docs and a failing example.")
    String explain;

    @Option(
            names = {"-V", "--version"},
            description = "Print the version and exit.")
    boolean version;

    @Option(
            names = {"-h", "--help"},
            description = "Print this help and exit.")
    boolean help;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Path workDir;

    private LintCommand(InputStream in, PrintStream out, PrintStream err, Path workDir) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.workDir = workDir;
    }

    public static void main(String[] args) {
        PolicyEngine.warmUpInBackground(); // the rule catalogue is read on the idle core while picocli starts
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs {@code vigil lint} in the process's working directory; returns the exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, Path.of("").toAbsolutePath());
    }

    /**
     * Runs {@code vigil lint} as if started in {@code workDir} (where {@code .vigil.yaml} is looked for and what
     * SARIF URIs are relative to); returns the exit code. Never throws.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Path workDir) {
        LintCommand command = new LintCommand(in, out, err, workDir);
        return CommandRunner.run("vigil lint", command, args, out, err, Version::get, command::execute);
    }

    private ExitCode execute() throws IOException {
        PolicyConfig policy;
        try {
            policy = policyConfig();
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println(p);
            }
            return ExitCode.USAGE_OR_INPUT_ERROR;
        }
        List<Rule> allRules = new ArrayList<>(BuiltInRules.all());
        allRules.addAll(policy.customRules());
        if (listRules) {
            return listRules(policy, allRules);
        }
        if (explain != null) {
            return explain(policy, allRules);
        }
        ReportFormat reportFormat = reportFormat();
        Severity threshold = threshold();
        if (paths.isEmpty()) {
            throw new Usage("no PATH given; name files or directories to lint, or - to read stdin");
        }
        if (dryRun && !fix) {
            throw new Usage("--dry-run works with --fix only");
        }
        if (fix && paths.contains(ManifestLoader.STDIN)) {
            throw new Usage("--fix edits files in place; it cannot take - (standard input)");
        }
        ManifestLoader loader = loader();
        LoadResult load = loader.load(paths);
        if (fix) {
            FixOption.run(load, dryRun, out, err);
            if (dryRun) {
                return load.problems().isEmpty() ? ExitCode.OK : ExitCode.USAGE_OR_INPUT_ERROR;
            }
            load = loader.load(paths);
        }
        for (LoadProblem p : load.problems()) {
            err.println(p);
        }
        PolicyEngine engine = PolicyEngine.create(policy);
        Report report = engine.evaluate(load.resources());
        LintResult result = LintResult.of(Version.get(), workDir, load, engine, report);
        for (int i = load.problems().size(); i < result.problems().size(); i++) {
            err.println(result.problems().get(i)); // fields of the wrong shape the rules met while checking
        }
        warnExpiredExemptions(policy);
        boolean colour = reportFormat == ReportFormat.TEXT && output == null && Terminal.colour(out);
        write(result, reportFormat.writer(colour));
        if (reportFormat != ReportFormat.TEXT || output != null) {
            err.println(TextReportWriter.summaryLine(result.summary(), false)
                    + (output == null ? "" : "; report written to " + output));
        }
        if (!result.problems().isEmpty()) {
            return ExitCode.USAGE_OR_INPUT_ERROR;
        }
        return threshold != null && report.hasFindingsAtLeast(threshold) ? ExitCode.FINDINGS : ExitCode.OK;
    }

    /** The loader the options ask for: kustomize mode and Helm rendering options. */
    private ManifestLoader loader() {
        KustomizeMode mode;
        try {
            mode = KustomizeMode.parse(kustomize);
        } catch (IllegalArgumentException e) {
            throw new Usage("--kustomize: " + e.getMessage());
        }
        for (Path values : helmValues) {
            if (!Files.isRegularFile(workDir.resolve(values))) {
                throw new Usage("--values: no such file: " + values);
            }
        }
        HelmOptions helm;
        try {
            helm = new HelmOptions(
                    helmValues.stream().map(workDir::resolve).toList(), helmSet, releaseName, namespace, kubeVersion);
        } catch (IllegalArgumentException e) {
            throw new Usage("--set: " + e.getMessage());
        }
        return new ManifestLoader(LoadLimits.DEFAULT, in).withKustomize(mode).withHelm(helm);
    }

    private PolicyConfig policyConfig() throws ConfigException {
        PolicyConfig.Builder builder;
        Path file = config != null ? workDir.resolve(config) : workDir.resolve(ConfigFile.DEFAULT_NAME);
        if (config != null || Files.isRegularFile(file)) {
            Path shown = config != null ? config : Path.of(ConfigFile.DEFAULT_NAME);
            try {
                builder = ConfigFile.load(file, Set.of()).builder();
            } catch (ConfigException e) { // name the file as the user did
                List<ConfigProblem> named = new ArrayList<>();
                for (ConfigProblem p : e.problems()) {
                    // problems of rule files (ruleFiles:) already name their own file
                    named.add(
                            p.file().equals(file.toString())
                                    ? new ConfigProblem(shown.toString(), p.line(), p.key(), p.message())
                                    : p);
                }
                throw new ConfigException(named);
            }
        } else {
            builder = PolicyConfig.builder();
        }
        if (!profiles.isEmpty()) {
            builder.profiles(profiles);
        }
        if (pssVersion != null) {
            try {
                PssVersion v = PssVersion.parse(pssVersion);
                if (!v.isLatest() && v.compareTo(PssVersion.v1(PssVersion.LATEST_MINOR)) > 0) {
                    throw new Usage("--pss-version: " + pssVersion + " is newer than this release knows; expected "
                            + "'latest' or v1.0 … v1." + PssVersion.LATEST_MINOR);
                }
                builder.pssVersion(v);
            } catch (IllegalArgumentException e) {
                throw new Usage("--pss-version: " + e.getMessage());
            }
        }
        if (kubeVersion != null) {
            try {
                builder.kubeVersion(KubeSchemas.resolve(kubeVersion));
            } catch (IllegalArgumentException e) {
                throw new Usage("--kube-version: " + e.getMessage());
            }
        }
        for (String crd : crds) {
            if (!Files.exists(Path.of(crd))) {
                throw new Usage("--crd: no such file or directory: " + crd);
            }
            builder.crdPath(crd);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new Usage("--profile: " + e.getMessage());
        }
    }

    private ReportFormat reportFormat() {
        try {
            return ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new Usage("--format: " + e.getMessage()
                    + ("markdown".equals(format) ? " (markdown is for --list-rules)" : ""));
        }
    }

    /** Null for {@code never}. */
    private Severity threshold() {
        if ("never".equals(failOn)) {
            return null;
        }
        for (Severity s : Severity.values()) {
            if (s.id().equals(failOn)) {
                return s;
            }
        }
        throw new Usage("--fail-on: unknown level '" + failOn + "'; expected error, warning, info or never");
    }

    private ExitCode listRules(PolicyConfig policy, List<Rule> allRules) throws IOException {
        RuleDocs.ListFormat listFormat;
        try {
            listFormat = RuleDocs.ListFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new Usage("--format: " + e.getMessage());
        }
        if (!paths.isEmpty()) {
            throw new Usage("--list-rules takes no PATH");
        }
        List<RuleMetadata> rules = LintResult.effectiveRules(policy, allRules);
        try (Writer w = target()) {
            RuleDocs.writeList(rules, listFormat, w);
        }
        return ExitCode.OK;
    }

    private ExitCode explain(PolicyConfig policy, List<Rule> allRules) throws IOException {
        List<RuleMetadata> rules = LintResult.effectiveRules(policy, allRules);
        for (RuleMetadata m : rules) {
            if (m.id().equals(explain)) {
                try (Writer w = target()) {
                    w.write(RuleDocs.explain(m, RuleExamples.failing(m.id())));
                }
                return ExitCode.OK;
            }
        }
        throw new Usage("--explain: unknown rule '" + explain + "'" + closest(explain, rules)
                + "; see vigil lint --list-rules");
    }

    private static String closest(String id, List<RuleMetadata> rules) {
        for (RuleMetadata m : rules) {
            if (m.id().contains(id) || id.contains(m.id())) {
                return " (did you mean '" + m.id() + "'?)";
            }
        }
        return dev.vigil.config.Suggestions.closest(
                        id, rules.stream().map(RuleMetadata::id).toList())
                .map(best -> " (did you mean '" + best + "'?)")
                .orElse("");
    }

    private void warnExpiredExemptions(PolicyConfig policy) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (Exemption e : policy.exemptions()) {
            if (e.expired(today)) {
                err.println("vigil lint: warning: an exemption expired on " + e.expires() + " and no longer applies ("
                        + e.reason() + ")");
            }
        }
    }

    private void write(LintResult result, dev.vigil.policy.report.ReportWriter writer) throws IOException {
        try (Writer w = target()) {
            writer.write(result, w);
        }
    }

    /** stdout (not closed) or the --output file. */
    private Writer target() throws IOException {
        if (output == null) {
            return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        Path file = workDir.resolve(output);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Usage("--output: cannot write " + output + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "vigil lint %s", String.join(" ", paths));
    }
}
