package dev.vigil.vuln.cli;

import dev.vigil.config.cli.CommandRunner;
import dev.vigil.config.cli.ToolVersion;
import dev.vigil.vuln.ExitCode;
import dev.vigil.vuln.FailOn;
import dev.vigil.vuln.ScanResult;
import dev.vigil.vuln.VulnConfig;
import dev.vigil.vuln.VulnScanner;
import dev.vigil.vuln.db.AdvisoryDatabase;
import dev.vigil.vuln.db.DatabaseException;
import dev.vigil.vuln.inventory.Inventory;
import dev.vigil.vuln.report.CycloneDxSbom;
import dev.vigil.vuln.report.ScanReport;
import dev.vigil.vuln.suppress.Suppressions;
import dev.vigil.vuln.suppress.VexReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil scan}: known vulnerabilities in jars, folders, SBOMs and image archives, offline. */
@Command(
        name = "vigil scan",
        mixinStandardHelpOptions = true,
        versionProvider = ToolVersion.Provider.class,
        sortOptions = false,
        description = {
            "Finds known vulnerabilities in jars (nested and shaded too), folders of jars, CycloneDX/SPDX JSON SBOMs and"
                    + " OCI/Docker image archives, matched exactly against an OSV advisory database. Never uses the"
                    + " network."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:nothing at or above --fail-on",
            "1:unsuppressed findings at or above --fail-on",
            "2:usage error, bad configuration, an unreadable input or advisory database"
        })
public final class ScanCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "PATH",
            arity = "0..*",
            description = "Jars, wars, folders, SBOMs (.json), image archives.")
    List<Path> paths = new ArrayList<>();

    @Option(
            names = "--db",
            paramLabel = "DIR|ZIP",
            description = "OSV advisory database: a folder or a zip of advisory JSON files (default: vulnerabilities.db"
                    + " in .vigil.yaml).")
    Path db;

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text, json, sarif or junit (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the report here instead of stdout.")
    Path output;

    @Option(
            names = "--fail-on",
            paramLabel = "LEVEL",
            defaultValue = "high",
            description = "critical, high, medium, low (also unknown) or never (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration (default: ./.vigil.yaml if present).")
    Path config;

    @Option(names = "--vex", paramLabel = "FILE", description = "OpenVEX or CycloneDX VEX document (repeatable).")
    List<Path> vex = new ArrayList<>();

    @Option(
            names = "--sbom-out",
            paramLabel = "FILE",
            description = "Also write a CycloneDX 1.6 JSON SBOM of what was found.")
    Path sbomOut;

    @Option(
            names = "--db-info",
            description = "Print the advisory count per ecosystem and the newest 'modified', then exit.")
    boolean dbInfo;

    @Option(
            names = "--max-db-age",
            paramLabel = "AGE",
            description = "Exit 2 when the newest advisory is older than this (e.g. 7d, 12h).")
    String maxDbAge;

    @Option(
            names = "--cache-dir",
            paramLabel = "DIR",
            description = "Where parsed database indexes are cached (default: $VIGIL_CACHE_DIR or ~/.cache/vigil).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Neither read nor write the index cache.")
    boolean noCache;

    private PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    private Writer stdout = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
    private Instant now = Instant.now();

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command; never throws, always returns an exit code. */
    public static int run(String... args) {
        return new ScanCommand().execute(args);
    }

    /** For tests: runs with the given streams and clock. */
    int execute(String[] args, Writer out, PrintWriter errors, Instant clock) {
        this.stdout = out;
        this.err = errors;
        this.now = clock;
        return execute(args);
    }

    private int execute(String[] args) {
        CommandLine cl = new CommandLine(this);
        cl.setOut(new PrintWriter(stdout, true));
        cl.setErr(err);
        return CommandRunner.oneLineErrors(cl, "vigil scan", err).execute(args);
    }

    @Override
    public Integer call() throws IOException {
        FailOn threshold;
        ScanReport report;
        try {
            threshold = FailOn.parse(failOn);
            report = ScanReport.parse(format);
        } catch (IllegalArgumentException e) {
            err.println("vigil scan: " + e.getMessage());
            return ExitCode.ERROR;
        }
        VulnConfig cfg = VulnConfig.empty();
        Path cfgFile = config != null ? config : Path.of(".vigil.yaml");
        if (config != null && !Files.isRegularFile(config)) {
            err.println("vigil scan: " + config + ": no such configuration file");
            return ExitCode.ERROR;
        }
        if (Files.isRegularFile(cfgFile)) {
            cfg = VulnConfig.load(cfgFile);
            if (!cfg.problems().isEmpty()) {
                cfg.problems().forEach(err::println);
                return ExitCode.ERROR;
            }
        }
        Path dbPath = db != null ? db : cfg.db();
        if (dbPath == null) {
            err.println("vigil scan: no advisory database: give --db DIR|ZIP or vulnerabilities.db in .vigil.yaml");
            return ExitCode.ERROR;
        }
        // the inputs are read on a second core while the database opens: a warm scan costs the longer of the two
        FutureTask<Inventory> inventoryTask = new FutureTask<>(() -> VulnScanner.inventory(paths));
        if (!dbInfo && !paths.isEmpty()) {
            Thread reader = new Thread(inventoryTask, "vigil-scan-inventory");
            reader.setDaemon(true);
            reader.start();
        }
        AdvisoryDatabase database;
        try {
            database = AdvisoryDatabase.open(dbPath, noCache ? null : cacheDir());
        } catch (DatabaseException e) {
            inventoryTask.cancel(true);
            err.println("vigil scan: " + e.getMessage());
            return ExitCode.ERROR;
        }
        try {
            database.warnings().forEach(w -> err.println("warning: " + w));
            if (dbInfo) {
                return printDbInfo(database);
            }
            String age = maxDbAge != null ? maxDbAge : cfg.maxDbAge();
            if (age != null) {
                Integer tooOld = checkAge(database, age);
                if (tooOld != null) {
                    return tooOld;
                }
            }
            if (paths.isEmpty()) {
                err.println("vigil scan: no PATH given (jars, folders, SBOMs or image archives)");
                return ExitCode.ERROR;
            }
            List<Suppressions.VexStatement> statements = new ArrayList<>();
            List<Path> vexFiles = new ArrayList<>(cfg.vex());
            vexFiles.addAll(vex);
            for (Path v : vexFiles) {
                try {
                    statements.addAll(VexReader.read(v));
                } catch (IllegalArgumentException e) {
                    err.println("vigil scan: " + e.getMessage());
                    return ExitCode.ERROR;
                } catch (IOException e) {
                    err.println("vigil scan: " + v + ": unreadable VEX document: " + e.getMessage());
                    return ExitCode.ERROR;
                }
            }
            Suppressions suppressions =
                    Suppressions.of(cfg.ignores(), statements, LocalDate.ofInstant(now, ZoneOffset.UTC));
            Inventory inventory = inventory(inventoryTask);
            ScanResult result = new VulnScanner(database, suppressions).scan(inventory);
            writeReport(report, result);
            result.unidentified().forEach(u -> err.println("unidentified: " + u));
            result.problems().forEach(p -> err.println("vigil scan: " + p));
            result.warnings().forEach(w -> err.println("warning: " + w));
            if (sbomOut != null) {
                try {
                    CycloneDxSbom.write(result.packages(), sbomOut, version());
                } catch (IOException e) {
                    err.println("vigil scan: " + sbomOut + ": cannot write the SBOM: " + e.getMessage());
                    return ExitCode.ERROR;
                }
            }
            return result.exitCode(threshold);
        } finally {
            inventoryTask.cancel(true); // nothing to do once it has finished
        }
    }

    private static Inventory inventory(FutureTask<Inventory> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the inputs", e);
        } catch (ExecutionException e) {
            // VulnScanner.inventory turns every input failure into a problem line; anything else is a defect
            throw new IllegalStateException(e.getCause());
        }
    }

    private void writeReport(ScanReport report, ScanResult result) throws IOException {
        if (output != null) {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                report.write(result, Path.of(""), version(), w);
            }
        } else {
            report.write(result, Path.of(""), version(), stdout);
        }
    }

    private int printDbInfo(AdvisoryDatabase database) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("advisories: ").append(database.advisoryCount()).append('\n');
        for (Map.Entry<String, Integer> e : database.countsByEcosystem().entrySet()) {
            b.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        Instant newest = database.newestModified();
        b.append("newest modified: ")
                .append(newest == null ? "unknown" : newest.toString())
                .append('\n');
        stdout.write(b.toString());
        stdout.flush();
        return ExitCode.OK;
    }

    private Integer checkAge(AdvisoryDatabase database, String age) {
        long seconds;
        try {
            seconds = VulnConfig.parseDurationSeconds(age);
        } catch (IllegalArgumentException e) {
            err.println("vigil scan: --max-db-age: " + e.getMessage());
            return ExitCode.ERROR;
        }
        Instant newest = database.newestModified();
        if (newest == null || Duration.between(newest, now).getSeconds() > seconds) {
            err.println("vigil scan: the advisory database is older than " + age + " (newest modified: "
                    + (newest == null ? "unknown" : newest) + "); update it");
            return ExitCode.ERROR;
        }
        return null;
    }

    private Path cacheDir() {
        if (cacheDir != null) {
            return cacheDir;
        }
        String env = System.getenv("VIGIL_CACHE_DIR");
        return env != null && !env.isBlank()
                ? Path.of(env, "vuln-db")
                : Path.of(System.getProperty("user.home"), ".cache", "vigil", "vuln-db");
    }

    /** The version from the jar's resources: 0.1.0 of 0.1.0-SNAPSHOT (SARIF and SBOM consumers want a number). */
    private static String version() {
        return ToolVersion.release(ScanCommand.class);
    }
}
