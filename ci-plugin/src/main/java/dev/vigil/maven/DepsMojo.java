package dev.vigil.maven;

import dev.vigil.vuln.ExitCode;
import dev.vigil.vuln.FailOn;
import dev.vigil.vuln.Finding;
import dev.vigil.vuln.PackageRef;
import dev.vigil.vuln.ScanResult;
import dev.vigil.vuln.VulnConfig;
import dev.vigil.vuln.VulnScanner;
import dev.vigil.vuln.db.AdvisoryDatabase;
import dev.vigil.vuln.db.DatabaseException;
import dev.vigil.vuln.inventory.Inventory;
import dev.vigil.vuln.report.ScanReport;
import dev.vigil.vuln.suppress.Suppressions;
import dev.vigil.vuln.suppress.VexReader;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Finds known vulnerabilities in the project's resolved dependencies (runtime scope and below), each
 * with the path through which it was pulled in ({@code introducedThrough}), matched offline against an OSV database.
 * Reports go to {@code target/vigil/deps.{txt,json,sarif,junit.xml}}; suppressions and VEX come from the
 * {@code vulnerabilities:} section of {@code .vigil.yaml}.
 */
@Mojo(
        name = "deps",
        defaultPhase = LifecyclePhase.VERIFY,
        threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class DepsMojo extends AbstractVigilMojo {
    /** The OSV advisory database: a folder or a zip (default: {@code vulnerabilities.db} of {@code .vigil.yaml}). */
    @Parameter(property = "vigil.deps.db")
    File depsDb;

    /** The lowest severity that fails the build: critical, high, medium, low or never. */
    @Parameter(property = "vigil.deps.failOn", defaultValue = "high")
    String depsFailOn;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        GoalOutcome outcome = scan(this, depsDb, depsFailOn);
        if (outcome.failure() != null) {
            throw new MojoFailureException(outcome.failure());
        }
    }

    /**
     * Scans {@code mojo}'s project; the outcome's failure says why the build fails. {@code vigil:check} calls this
     * with its own parameters, and skips it when no database is configured.
     */
    static GoalOutcome scan(AbstractVigilMojo mojo, File db, String failOnName) throws MojoExecutionException {
        FailOn failOn;
        try {
            failOn = FailOn.parse(failOnName);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("vigil.deps.failOn: " + e.getMessage());
        }
        VulnConfig cfg = mojo.config != null && mojo.config.isFile()
                ? VulnConfig.load(mojo.config.toPath())
                : VulnConfig.empty();
        if (!cfg.problems().isEmpty()) {
            throw new MojoExecutionException(String.join("\n", cfg.problems()));
        }
        Path dbPath = db != null ? db.toPath() : cfg.db();
        if (dbPath == null) {
            throw new MojoExecutionException(
                    "vigil:deps needs an advisory database: -Dvigil.deps.db=DIR|ZIP or vulnerabilities.db in .vigil.yaml");
        }
        AdvisoryDatabase database;
        try {
            database = AdvisoryDatabase.open(dbPath, mojo.vulnCacheDir != null ? mojo.vulnCacheDir : cacheDir());
        } catch (DatabaseException e) {
            throw new MojoExecutionException(e.getMessage());
        }
        // e.g. a corrupt index cache that was rebuilt: the scan goes on, the user should know (as vigil scan says)
        for (String w : database.warnings()) {
            mojo.getLog().warn("vigil: " + w);
        }
        List<Suppressions.VexStatement> vex = new ArrayList<>();
        for (Path v : cfg.vex()) {
            try {
                vex.addAll(VexReader.read(v));
            } catch (IOException | IllegalArgumentException e) {
                throw new MojoExecutionException(v + ": " + e.getMessage());
            }
        }
        Inventory inventory = new Inventory();
        for (Artifact a : mojo.project.getArtifacts()) {
            inventory.add(PackageRef.maven(
                    a.getGroupId(),
                    a.getArtifactId(),
                    a.getVersion(),
                    a.getFile() != null ? mojo.display(a.getFile().toPath()) : a.getId(),
                    trail(a)));
        }
        ScanResult result =
                new VulnScanner(database, Suppressions.of(cfg.ignores(), vex, mojo.today())).scan(inventory);
        write(mojo, result);
        for (String w : result.warnings()) {
            mojo.getLog().warn("vigil: " + w);
        }
        int shown = 0;
        for (Finding f : result.findings()) {
            if (f.suppressed() || shown++ >= mojo.maxConsole) {
                continue;
            }
            String line = "vigil: " + f.severity().label() + " " + f.id() + " "
                    + f.pkg().name() + " "
                    + f.pkg().version()
                    + (f.fixed().isEmpty() ? "" : " (fixed in " + String.join(", ", f.fixed()) + ")")
                    + (f.pkg().introducedThrough().isEmpty()
                            ? ""
                            : " via " + String.join(" → ", f.pkg().introducedThrough()));
            if (failOn.fails(f.severity())) {
                mojo.getLog().error(line);
            } else {
                mojo.getLog().warn(line);
            }
        }
        mojo.getLog()
                .info("vigil: deps: " + ScanReportSummary.of(result) + "; reports in "
                        + mojo.display(mojo.outputDirectory.toPath()));
        int exit = result.exitCode(failOn);
        String failure = exit == ExitCode.FINDINGS
                ? "vulnerable dependencies at or above " + failOnName + " (see "
                        + mojo.display(mojo.outputDirectory.toPath().resolve("deps.txt"))
                        + ")"
                : exit == ExitCode.ERROR ? String.join("; ", result.problems()) : null;
        return new GoalOutcome(List.of(), List.of(), List.of(), failure);
    }

    /** The dependency trail without the project itself: {@code group:artifact:version} from direct to this one. */
    static List<String> trail(Artifact a) {
        List<String> trail = a.getDependencyTrail();
        if (trail == null || trail.size() <= 2) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String id : trail.subList(1, trail.size() - 1)) {
            String[] p = id.split(":");
            out.add(p.length >= 4 ? p[0] + ":" + p[1] + ":" + p[p.length - 1] : id);
        }
        return out;
    }

    private static void write(AbstractVigilMojo mojo, ScanResult result) throws MojoExecutionException {
        Path dir = mojo.outputDirectory.toPath();
        try {
            Files.createDirectories(dir);
            for (String[] f : new String[][] {
                {"deps.txt", "text"}, {"deps.json", "json"}, {"deps.sarif", "sarif"}, {"deps.junit.xml", "junit"}
            }) {
                try (Writer w = Files.newBufferedWriter(dir.resolve(f[0]), StandardCharsets.UTF_8)) {
                    ScanReport.parse(f[1]).write(result, mojo.root(), mojo.toolVersion(), w);
                }
            }
        } catch (IOException e) {
            throw new MojoExecutionException(
                    "cannot write the vigil:deps reports in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path cacheDir() {
        String env = System.getenv("VIGIL_CACHE_DIR");
        return env != null && !env.isBlank()
                ? Path.of(env, "vuln-db")
                : Path.of(System.getProperty("user.home"), ".cache", "vigil", "vuln-db");
    }

    /** The one-line summary the CLI prints. */
    private static final class ScanReportSummary {
        static String of(ScanResult r) {
            long open = r.findings().stream().filter(f -> !f.suppressed()).count();
            return r.packages().size() + " dependencies, " + open + " vulnerabilit" + (open == 1 ? "y" : "ies") + ", "
                    + r.suppressedCount() + " suppressed";
        }
    }
}
