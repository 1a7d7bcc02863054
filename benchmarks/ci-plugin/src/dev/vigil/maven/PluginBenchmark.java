package dev.vigil.maven;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.vigil.archrules.SecurityRules;
import dev.vigil.archrules.report.Baseline;
import dev.vigil.archrules.report.CodeJunit;
import dev.vigil.archrules.report.CodeRun;
import dev.vigil.archrules.report.CodeSarif;
import dev.vigil.archrules.report.Console;
import dev.vigil.archrules.report.HtmlReport;
import dev.vigil.archrules.report.Issue;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.report.JsonReportWriter;
import dev.vigil.policy.report.JunitReportWriter;
import dev.vigil.policy.report.LintResult;
import dev.vigil.policy.report.SarifReportWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the plugin's two goals without Maven around them, the way the Mojos run them: the lint of a manifest
 * directory (load, evaluate, baseline fingerprints, SARIF + JSON + JUnit + HTML), and vigil:arch on a classes
 * directory (one import with the classpath as context class loader, 25 rules, SARIF + JUnit + HTML). Prints the
 * first (cold) run and the median and best of the following runs. Peer: ArchUnit's import alone.
 *
 * <p>Arguments: {@code <project-root> <manifest-dir> <classes-dir> <runs>}
 */
public final class PluginBenchmark {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path manifests = Path.of(args[1]);
        Path classes = Path.of(args[2]);
        int runs = Integer.parseInt(args[3]);

        report("lint (500 manifests)", time(runs, () -> {
            LintResult result = LintRun.lint("bench", root, List.of(manifests), PolicyConfig.defaults());
            List<Issue> issues = LintRun.issues(result, root);
            Baseline.Applied applied = Baseline.empty().apply(issues, Baseline.LINT, java.time.LocalDate.now());
            LintResult reported = LintRun.withSuppressions(result, applied.issues());
            new SarifReportWriter().write(reported, new StringWriter());
            new JsonReportWriter().write(reported, new StringWriter());
            new JunitReportWriter().write(reported, new StringWriter());
            HtmlReport.render("bench", Console.counts(applied.issues()), applied.issues(), Map.of());
            return result.objects().size() + " objects, " + result.findings().size() + " findings";
        }));
        report("arch (classes)", time(runs, () -> {
            List<Issue> issues = CodeRun.run(List.of(classes), List.of(), List.of(root.resolve("src/main/java")), root, SecurityRules.all());
            CodeSarif.render("bench", root, SecurityRules.all(), issues);
            CodeJunit.render(SecurityRules.all(), issues, 0);
            HtmlReport.render("bench", Console.counts(issues), issues, Map.of());
            return issues.size() + " findings";
        }));
        report("peer: ArchUnit import only", time(runs, () -> {
            return new ClassFileImporter().importPath(classes).size() + " classes";
        }));
    }

    interface Step {
        String run() throws Exception;
    }

    /** Wall and process CPU seconds of the first run and of the following runs (sorted by wall time). */
    record Timing(double[] cold, List<double[]> warm, String what) {}

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    static Timing time(int runs, Step step) throws Exception {
        long t0 = System.nanoTime();
        long c0 = OS.getProcessCpuTime();
        String what = step.run();
        double[] cold = {(System.nanoTime() - t0) / 1e9, (OS.getProcessCpuTime() - c0) / 1e9};
        List<double[]> warm = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            long c = OS.getProcessCpuTime();
            step.run();
            warm.add(new double[] {(System.nanoTime() - t) / 1e9, (OS.getProcessCpuTime() - c) / 1e9});
        }
        warm.sort((a, b) -> Double.compare(a[0], b[0]));
        return new Timing(cold, warm, what);
    }

    static void report(String name, Timing t) {
        double[] median = t.warm().get(t.warm().size() / 2);
        double[] best = t.warm().get(0);
        System.out.printf(
                Locale.ROOT,
                "%-28s cold %6.2f s (cpu %6.2f s)   warm median %6.2f s (cpu %6.2f s)   best %6.2f s   (%s)%n",
                name,
                t.cold()[0],
                t.cold()[1],
                median[0],
                median[1],
                best[0],
                t.what());
    }
}
