package dev.vigil.code.cli;

import dev.vigil.archrules.SecurityRule;
import dev.vigil.archrules.SecurityRules;
import dev.vigil.archrules.report.Baseline;
import dev.vigil.archrules.report.CodeConfig;
import dev.vigil.archrules.report.CodeConfigFile;
import dev.vigil.archrules.report.CodeFormat;
import dev.vigil.archrules.report.CodeReport;
import dev.vigil.archrules.report.CodeRun;
import dev.vigil.archrules.report.FailOn;
import dev.vigil.archrules.report.Issue;
import dev.vigil.config.Suggestions;
import dev.vigil.config.cli.CommandRunner;
import dev.vigil.config.cli.CommandRunner.Failure;
import dev.vigil.config.cli.CommandRunner.Usage;
import dev.vigil.config.cli.ExitCode;
import dev.vigil.config.cli.ToolVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil code}: builds one {@link CodeConfig} from {@code .vigil.yaml} and the options, runs the code rules
 * over class folders and jars ({@link CodeRun}, the step the Maven plugin runs) and renders with the shared writers
 * ({@link CodeReport}). Reports go to stdout or {@code --output}, the summary and every problem to stderr. Never
 * throws: every outcome is an {@link ExitCode}.
 */
@Command(
        name = "vigil code",
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Find vulnerabilities in compiled Java code: a data-flow engine and security rules over class files.",
        synopsisHeading = "%nUsage: ",
        customSynopsis = {"vigil code [OPTIONS] PATH...", "       vigil code --list-rules"},
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  nothing at or above --fail-on",
            "  1  unsuppressed findings at or above --fail-on",
            "  2  usage error, invalid configuration or baseline, or a PATH that cannot",
            "     be read (printed to stderr as one line naming it)",
            "",
            "Docs: https://github.com/vigil-dev/vigil/blob/main/ci-plugin/README.md#outside-maven-vigil-code"
        })
public final class CodeCommand {
    @Parameters(
            paramLabel = "PATH",
            arity = "0..*",
            description = "Class folders (e.g. build/classes/java/main), jars, or folders of jars to analyse.")
    List<String> paths = new ArrayList<>();

    @Option(
            names = {"--classpath", "-cp"},
            paramLabel = "PATHS",
            description = "Library jars and folders the analysis resolves types from (not analysed), separated by "
                    + "the platform's path separator; repeatable. E.g. Gradle's runtimeClasspath.")
    List<String> classpath = new ArrayList<>();

    @Option(
            names = "--source-root",
            paramLabel = "DIR",
            description = "Where the sources are, so findings name file:line (default: src/main/java when present); "
                    + "repeatable.")
    List<Path> sourceRoots = new ArrayList<>();

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            split = ",",
            description = "text (default), json, sarif, junit or html; repeatable or a comma list (several formats "
                    + "need --output DIR).")
    List<String> formats = new ArrayList<>();

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE|DIR",
            description = "Write the report to FILE, or each format to DIR (arch.txt, arch.json, arch.sarif, "
                    + "TEST-vigil-arch.xml, arch.html), instead of stdout.")
    Path output;

    @Option(
            names = "--fail-on",
            paramLabel = "LEVEL",
            description = "Exit 1 when an unsuppressed finding is at or above LEVEL: error (default), warning, info "
                    + "or never.")
    String failOn = "error";

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Configuration: the code: section of .vigil.yaml (default: .vigil.yaml in the working "
                    + "directory, when present).")
    Path config;

    @Option(
            names = "--baseline",
            paramLabel = "FILE",
            description = "A baseline written by vigil:baseline (vigil-baseline.json): findings in it are reported as "
                    + "suppressed and do not fail.")
    Path baseline;

    @Option(
            names = "--rule",
            paramLabel = "ID",
            split = ",",
            description = "Only these rules (e.g. VIGIL-ARCH-027); repeatable or a comma list.")
    List<String> onlyRules = new ArrayList<>();

    @Option(
            names = "--enable",
            paramLabel = "ID",
            split = ",",
            description = "Opt-in rules to run besides the defaults, e.g. the package-policy rules VIGIL-ARCH-001, "
                    + "012, 013, 014, 016.")
    List<String> enableRules = new ArrayList<>();

    @Option(names = "--skip", paramLabel = "ID", split = ",", description = "Rules not to run.")
    List<String> skipRules = new ArrayList<>();

    @Option(names = "--list-rules", description = "List the rules (id, name, CWE, default) and exit.")
    boolean listRules;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Option(
            names = {"-V", "--version"},
            versionHelp = true,
            description = "Print the version and exit.")
    boolean version;

    private final PrintStream out;
    private final PrintStream err;
    private final Path workDir;

    private CodeCommand(PrintStream out, PrintStream err, Path workDir) {
        this.out = out;
        this.err = err;
        this.workDir = workDir;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, Path.of("").toAbsolutePath()));
    }

    /**
     * Runs {@code vigil code} as if started in {@code workDir} (where {@code .vigil.yaml} and {@code src/main/java}
     * are looked for and what report paths are relative to); returns the exit code. Never throws.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Path workDir) {
        CodeCommand command = new CodeCommand(out, err, workDir);
        return CommandRunner.run("vigil code", command, args, out, err, CodeCommand::version, command::execute);
    }

    private ExitCode execute() throws IOException {
        FailOn threshold = CommandRunner.parse("", () -> FailOn.parse("--fail-on", failOn));
        List<CodeFormat> chosen = formats();
        CodeConfig settings = codeConfig();
        List<SecurityRule> rules = CommandRunner.parse("", settings::selectRules);
        if (listRules) {
            listRules(settings);
            return ExitCode.OK;
        }
        if (paths.isEmpty()) {
            throw new Usage("no PATH given; name class folders or jars to analyse (e.g. build/classes/java/main)");
        }
        Baseline accepted = baseline();
        List<Path> classRoots;
        try {
            classRoots = Inputs.classRoots(paths.stream().map(workDir::resolve).toList(), paths);
        } catch (Inputs.BadInput e) {
            throw new Failure(e.getMessage());
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        settings.expiredIgnores(today)
                .forEach(i -> err.println("vigil code: warning: " + i.where() + ": code.ignore entry expired on "
                        + i.expires() + ", its findings count again"));
        long start = System.nanoTime();
        List<Issue> found =
                CodeRun.run(classRoots, Inputs.classpath(classpath, workDir), sourceRoots(), workDir, rules);
        Baseline.Applied applied = accepted.apply(settings.applyIgnores(found, today), Baseline.ARCH, today);
        applied.expired()
                .forEach(e -> err.println("vigil code: warning: baseline entry expired on " + e.expires()
                        + ", its finding counts again: " + e.ruleId() + " " + e.location()));
        CodeReport report = new CodeReport(
                version(),
                workDir,
                "Vigil code: " + String.join(" ", paths),
                rules,
                applied.issues(),
                (System.nanoTime() - start) / 1e9);
        write(report, chosen);
        if (chosen.size() > 1 || chosen.get(0) != CodeFormat.TEXT || output != null) {
            err.println("vigil code: " + report.summary() + (output == null ? "" : "; report written to " + output));
        }
        boolean failing = applied.issues().stream().anyMatch(i -> !i.suppressed() && threshold.fails(i.level()));
        return failing ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private List<CodeFormat> formats() {
        Set<CodeFormat> out = new LinkedHashSet<>();
        for (String f : formats) {
            out.add(CommandRunner.parse("--format: ", () -> CodeFormat.parse(f)));
        }
        if (out.isEmpty()) {
            out.add(CodeFormat.TEXT);
        }
        if (out.size() > 1 && (output == null || Files.isRegularFile(workDir.resolve(output)))) {
            throw new Usage("--format: several formats need --output DIR (a folder to write each report in)");
        }
        return List.copyOf(out);
    }

    private CodeConfig codeConfig() {
        Path file = workDir.resolve(config != null ? config : Path.of(".vigil.yaml"));
        CodeConfig fromFile = CodeConfig.DEFAULT;
        if (config != null && !Files.isRegularFile(file)) {
            throw new Failure(config + ": no such configuration file");
        }
        if (Files.isRegularFile(file)) {
            try {
                fromFile = CodeConfigFile.load(file, (config != null ? config : Path.of(".vigil.yaml")).toString());
            } catch (CodeConfigFile.CodeConfigException e) {
                throw new Failure(String.join(System.lineSeparator() + "vigil code: ", e.problems()));
            }
        }
        checkIds("--rule", onlyRules);
        checkIds("--enable", enableRules);
        checkIds("--skip", skipRules);
        return fromFile.overriddenBy(onlyRules, enableRules, skipRules, null);
    }

    private static void checkIds(String option, List<String> ids) {
        for (String id : CodeConfig.unknownIds(ids)) {
            String hint = Suggestions.closest(id, List.copyOf(CodeConfig.knownIds()))
                    .map(best -> " (did you mean '" + best + "'?)")
                    .orElse("");
            throw new Usage(option + ": unknown rule id '" + id + "'" + hint + "; expected " + CodeConfig.idRange()
                    + ", see vigil code --list-rules");
        }
    }

    private Baseline baseline() {
        if (baseline == null) {
            return Baseline.empty();
        }
        Path file = workDir.resolve(baseline);
        if (!Files.isRegularFile(file)) {
            throw new Failure(baseline + ": no such baseline file");
        }
        try {
            return Baseline.read(file, baseline.toString());
        } catch (Baseline.BaselineException e) {
            throw new Failure(e.getMessage());
        }
    }

    private List<Path> sourceRoots() {
        if (!sourceRoots.isEmpty()) {
            for (Path root : sourceRoots) {
                if (!Files.isDirectory(workDir.resolve(root))) {
                    throw new Failure(root + ": --source-root is not a folder");
                }
            }
            return sourceRoots.stream().map(workDir::resolve).toList();
        }
        Path conventional = workDir.resolve("src/main/java");
        return Files.isDirectory(conventional) ? List.of(conventional) : List.of();
    }

    private void write(CodeReport report, List<CodeFormat> chosen) throws IOException {
        if (output == null) {
            out.print(report.render(chosen.get(0)));
            return;
        }
        Path target = workDir.resolve(output);
        boolean folder = chosen.size() > 1 || Files.isDirectory(target);
        try {
            if (folder) {
                Files.createDirectories(target);
                for (CodeFormat f : chosen) {
                    Files.writeString(target.resolve(f.fileName()), report.render(f), StandardCharsets.UTF_8);
                }
            } else {
                if (target.getParent() != null) {
                    Files.createDirectories(target.getParent());
                }
                Files.writeString(target, report.render(chosen.get(0)), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new Failure("--output: cannot write " + output + ": " + e.getMessage());
        }
    }

    private void listRules(CodeConfig settings) {
        List<SecurityRule> selected = settings.selectRules();
        for (SecurityRule r : SecurityRules.all(settings.conventions())) {
            out.printf(
                    "%s  %-38s %-8s %-7s %s%n",
                    r.id(),
                    r.name(),
                    r.cweId(),
                    selected.contains(r) ? "on" : (r.enabledByDefault() ? "off" : "opt-in"),
                    r.title());
        }
    }

    /** The version from the jar's resources: 0.1.0 of 0.1.0-SNAPSHOT (SARIF consumers want a number). */
    static String version() {
        return ToolVersion.release(CodeCommand.class);
    }
}
