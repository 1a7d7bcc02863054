package dev.vigil.maven;

import dev.vigil.archrules.Conventions;
import dev.vigil.archrules.SecurityRule;
import dev.vigil.archrules.report.Baseline;
import dev.vigil.archrules.report.CodeConfig;
import dev.vigil.archrules.report.CodeConfigFile;
import dev.vigil.archrules.report.Console;
import dev.vigil.archrules.report.FailOn;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.config.ConfigException;
import dev.vigil.policy.config.ConfigFile;
import dev.vigil.policy.load.HelmOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** Parameters shared by every goal, and the one place that turns outcomes into log lines and build results. */
abstract class AbstractVigilMojo extends AbstractMojo {
    static final List<String> DEFAULT_MANIFESTS = List.of("src/main/k8s", "k8s", "deploy", "helm-rendered");

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${plugin}", readonly = true)
    PluginDescriptor plugin;

    /** Skips every Vigil goal. */
    @Parameter(property = "vigil.skip", defaultValue = "false")
    boolean skip;

    /** Where reports are written. */
    @Parameter(property = "vigil.outputDirectory", defaultValue = "${project.build.directory}/vigil")
    File outputDirectory;

    /** The lowest level that fails the build: {@code error}, {@code warning}, {@code info} or {@code never}. */
    @Parameter(property = "vigil.failOn", defaultValue = "error")
    String failOn;

    /** At most this many findings are printed to the console; the reports hold all of them. */
    @Parameter(property = "vigil.maxConsole", defaultValue = "50")
    int maxConsole;

    /** The baseline file: findings accepted for now. Absent means no baseline. */
    @Parameter(property = "vigil.baseline", defaultValue = "${project.basedir}/vigil-baseline.json")
    File baseline;

    /**
     * CI mode: fail on stale baseline entries (findings that were fixed) and never write the baseline file (not
     * even {@code vigil:baseline}).
     */
    @Parameter(property = "vigil.baseline.strict", defaultValue = "false")
    boolean baselineStrict;

    /**
     * The directory report URIs are relative to. Default: the top-level project of the build (the reactor root),
     * so SARIF paths are repository-relative in multi-module builds.
     */
    @Parameter(property = "vigil.repositoryRoot")
    File repositoryRoot;

    /**
     * Manifest files or directories to lint, relative to the project directory. Directories are read recursively;
     * those that do not exist are skipped. Default: {@code src/main/k8s}, {@code k8s}, {@code deploy},
     * {@code helm-rendered}.
     */
    @Parameter(property = "vigil.manifests")
    List<String> manifests;

    /** Policy profiles, e.g. {@code pss-baseline}, {@code pss-restricted}, {@code recommended} (the default). */
    @Parameter(property = "vigil.profiles")
    List<String> profiles;

    /** The Vigil configuration file ({@code .vigil.yaml} format); used when it exists. */
    @Parameter(property = "vigil.config", defaultValue = "${project.basedir}/.vigil.yaml")
    File config;

    /** Helm chart directories among the manifests: values files, as {@code helm template --values}. */
    @Parameter(property = "vigil.helm.values")
    List<File> helmValues;

    /** Helm chart directories: {@code key=value} entries, as {@code helm template --set}. */
    @Parameter(property = "vigil.helm.set")
    List<String> helmSet;

    /** Helm chart directories: the release name (default {@code release-name}). */
    @Parameter(property = "vigil.helm.releaseName")
    String helmReleaseName;

    /** Helm chart directories: the release namespace (default {@code default}). */
    @Parameter(property = "vigil.helm.namespace")
    String helmNamespace;

    /** Lint even when no input changed since the last report. */
    @Parameter(property = "vigil.lint.force", defaultValue = "false")
    boolean forceLint;

    /** The compiled classes {@code vigil:arch} checks. */
    @Parameter(property = "vigil.classesDirectory", defaultValue = "${project.build.outputDirectory}")
    File classesDirectory;

    /** Only these security rules (ids such as {@code VIGIL-ARCH-002}); default all. */
    @Parameter(property = "vigil.arch.rules")
    List<String> archRules;

    /**
     * Opt-in rules to run besides the defaults (ids), e.g. the architecture-policy rules {@code VIGIL-ARCH-001}
     * (crypto only in crypto packages), {@code VIGIL-ARCH-012} (processes only in adapters), {@code VIGIL-ARCH-013}
     * (SQL only in persistence packages), {@code VIGIL-ARCH-014} (no concatenated SQL text) and
     * {@code VIGIL-ARCH-016} (a request handler without an authorisation annotation where its class or package tree
     * shows that the code base authorises at method level).
     */
    @Parameter(property = "vigil.arch.enableRules")
    List<String> archEnableRules;

    /** Security rules not to run (ids). */
    @Parameter(property = "vigil.arch.skipRules")
    List<String> archSkipRules;

    /** Packages (ArchUnit patterns such as {@code ..crypto..}) where JCA/JCE primitives may be used. */
    @Parameter(property = "vigil.arch.cryptoPackages")
    List<String> cryptoPackages;

    /** Security-sensitive packages, where randomness must come from SecureRandom. */
    @Parameter(property = "vigil.arch.securityPackages")
    List<String> securityPackages;

    /** Adapter packages allowed to start operating-system processes. */
    @Parameter(property = "vigil.arch.processPackages")
    List<String> processPackages;

    /** Persistence packages, where SQL may be written. */
    @Parameter(property = "vigil.arch.persistencePackages")
    List<String> persistencePackages;

    /** Web-layer packages (besides classes annotated as controllers and servlets). */
    @Parameter(property = "vigil.arch.webPackages")
    List<String> webPackages;

    /** Where vigil:deps caches parsed advisory indexes; null: $VIGIL_CACHE_DIR or ~/.cache/vigil (tests set it). */
    Path vulnCacheDir;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("vigil: skipped (vigil.skip=true)");
            return;
        }
        run();
    }

    abstract void run() throws MojoExecutionException, MojoFailureException;

    Path root() {
        if (repositoryRoot != null) {
            return repositoryRoot.toPath().toAbsolutePath().normalize();
        }
        MavenProject top = session == null ? null : session.getTopLevelProject();
        File dir = top != null ? top.getBasedir() : project.getBasedir();
        return dir.toPath().toAbsolutePath().normalize();
    }

    String toolVersion() {
        return plugin != null ? plugin.getVersion() : "dev";
    }

    FailOn failOnLevel() throws MojoExecutionException {
        try {
            return FailOn.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage());
        }
    }

    LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** The manifest inputs that exist. */
    List<Path> manifestInputs() {
        List<String> names = manifests == null || manifests.isEmpty() ? DEFAULT_MANIFESTS : manifests;
        List<Path> out = new ArrayList<>();
        for (String name : names) {
            Path p = project.getBasedir().toPath().resolve(name.strip());
            if (Files.exists(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** How chart directories among the manifests are rendered (the CLI's --values, --set, ... ). */
    HelmOptions helmOptions() throws MojoExecutionException {
        List<Path> values = new ArrayList<>();
        for (File f : helmValues == null ? List.<File>of() : helmValues) {
            if (!f.isFile()) {
                throw new MojoExecutionException("vigil.helm.values: no such file: " + f);
            }
            values.add(f.toPath());
        }
        try {
            return new HelmOptions(values, helmSet == null ? List.of() : helmSet, helmReleaseName, helmNamespace, null);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("vigil.helm.set: " + e.getMessage());
        }
    }

    PolicyConfig policyConfig() throws MojoExecutionException {
        PolicyConfig.Builder builder;
        if (config != null && config.isFile()) {
            try {
                builder = ConfigFile.load(config.toPath());
            } catch (ConfigException e) {
                throw new MojoExecutionException(e.getMessage());
            }
        } else {
            builder = PolicyConfig.builder();
        }
        if (profiles != null && !profiles.isEmpty()) {
            builder.profiles(profiles.stream().map(String::strip).toList());
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("vigil.profiles: " + e.getMessage());
        }
    }

    /**
     * The code rules' settings: the {@code code:} section of {@code .vigil.yaml} with this goal's parameters on top
     * (a parameter that is set replaces the file's list).
     */
    CodeConfig codeConfig() throws MojoExecutionException {
        CodeConfig file = CodeConfig.DEFAULT;
        if (config != null && config.isFile()) {
            try {
                file = CodeConfigFile.load(config.toPath(), display(config.toPath()));
            } catch (CodeConfigFile.CodeConfigException e) {
                throw new MojoExecutionException(e.getMessage());
            }
        }
        boolean packagesSet = Stream.of(
                        cryptoPackages, securityPackages, processPackages, persistencePackages, webPackages)
                .anyMatch(l -> l != null && !l.isEmpty());
        Conventions f = file.conventions();
        Conventions conventions = packagesSet
                ? new Conventions(
                        or(cryptoPackages, f.cryptoPackages()),
                        or(securityPackages, f.securityPackages()),
                        or(processPackages, f.processPackages()),
                        or(persistencePackages, f.persistencePackages()),
                        or(webPackages, f.webPackages()))
                : null;
        List<String> unknown = new ArrayList<>();
        for (List<String> ids :
                List.of(or(archRules, List.of()), or(archSkipRules, List.of()), or(archEnableRules, List.of()))) {
            unknown.addAll(CodeConfig.unknownIds(ids));
        }
        if (!unknown.isEmpty()) {
            throw new MojoExecutionException("vigil.arch.rules/enableRules/skipRules: unknown rule id(s) " + unknown
                    + "; expected " + CodeConfig.idRange());
        }
        return file.overriddenBy(archRules, archEnableRules, archSkipRules, conventions);
    }

    List<SecurityRule> securityRules() throws MojoExecutionException {
        try {
            return codeConfig().selectRules();
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("vigil.arch.rules/enableRules/skipRules: " + e.getMessage());
        }
    }

    private static List<String> or(List<String> value, List<String> fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        return value.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    Baseline readBaseline() throws MojoExecutionException {
        try {
            return Baseline.read(baseline.toPath(), display(baseline.toPath()));
        } catch (Baseline.BaselineException e) {
            throw new MojoExecutionException(e.getMessage());
        }
    }

    /** A path as users should read it: relative to the repository root when inside it. */
    String display(Path p) {
        return LintRun.relative(root(), p.toString());
    }

    void log(List<Console.Line> lines) {
        for (Console.Line line : lines) {
            switch (line.level()) {
                case "error" -> getLog().error(line.text());
                case "warning" -> getLog().warn(line.text());
                default -> getLog().info(line.text());
            }
        }
    }

    /** Applies the baseline's stale-entry policy after all goals ran, then fails the build if needed. */
    void conclude(List<GoalOutcome> outcomes, Baseline base) throws MojoExecutionException, MojoFailureException {
        List<Baseline.Entry> stale = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (GoalOutcome o : outcomes) {
            stale.addAll(o.stale());
            for (Baseline.Entry e : o.expired()) {
                getLog().warn("vigil: baseline entry expired on " + e.expires() + ", its finding counts again: "
                        + e.ruleId() + " " + e.location());
            }
            if (o.failure() != null) {
                failures.add(o.failure());
            }
        }
        String baselineName = display(baseline.toPath());
        if (!stale.isEmpty()) {
            if (baselineStrict) {
                for (Baseline.Entry e : stale) {
                    getLog().error("vigil: stale baseline entry (its finding is gone): " + e.ruleId() + " "
                            + e.location());
                }
                failures.add(stale.size() + " stale entr" + (stale.size() == 1 ? "y" : "ies") + " in " + baselineName
                        + " (vigil.baseline.strict): remove them, the findings were fixed");
            } else {
                try {
                    base.without(stale).write(baseline.toPath());
                } catch (IOException e) {
                    throw new MojoExecutionException("cannot write " + baselineName + ": " + e.getMessage(), e);
                }
                getLog().info("vigil: removed " + stale.size() + " fixed finding(s) from " + baselineName);
            }
        }
        if (!failures.isEmpty()) {
            throw new MojoFailureException(String.join("; ", failures));
        }
    }
}
