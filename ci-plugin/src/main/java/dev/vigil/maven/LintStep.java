package dev.vigil.maven;

import dev.vigil.archrules.report.Baseline;
import dev.vigil.archrules.report.Console;
import dev.vigil.archrules.report.FailOn;
import dev.vigil.archrules.report.HtmlReport;
import dev.vigil.archrules.report.Issue;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.load.HelmOptions;
import dev.vigil.policy.load.LoadProblem;
import dev.vigil.policy.report.JsonReportWriter;
import dev.vigil.policy.report.JunitReportWriter;
import dev.vigil.policy.report.LintResult;
import dev.vigil.policy.report.ReportWriter;
import dev.vigil.policy.report.SarifReportWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;

/** {@code vigil:lint} inside a Maven build: inputs, up-to-date check, baseline, reports, console, verdict. */
final class LintStep {
    static final String SARIF = "lint.sarif";
    static final String JSON = "lint.json";
    static final String JUNIT = "TEST-vigil-lint.xml";
    static final String HTML = "lint.html";
    static final String STAMP = ".lint-inputs.json";

    private final AbstractVigilMojo mojo;

    LintStep(AbstractVigilMojo mojo) {
        this.mojo = mojo;
    }

    /** Lints without applying the baseline (for {@code vigil:baseline}); null when there are no manifests. */
    List<Issue> rawIssues() throws MojoExecutionException {
        List<Path> inputs = mojo.manifestInputs();
        if (inputs.isEmpty()) {
            return List.of();
        }
        LintResult result =
                LintRun.lint(mojo.toolVersion(), mojo.root(), inputs, mojo.policyConfig(), mojo.helmOptions());
        return LintRun.issues(result, mojo.root());
    }

    GoalOutcome run(Baseline baseline) throws MojoExecutionException {
        List<Path> inputs = mojo.manifestInputs();
        if (inputs.isEmpty()) {
            mojo.getLog()
                    .info("vigil:lint: no manifests in "
                            + String.join(
                                    ", ",
                                    mojo.manifests == null || mojo.manifests.isEmpty()
                                            ? AbstractVigilMojo.DEFAULT_MANIFESTS
                                            : mojo.manifests));
            return GoalOutcome.nothing();
        }
        Path out = mojo.outputDirectory.toPath();
        PolicyConfig config = mojo.policyConfig();
        FailOn failOn = mojo.failOnLevel();
        HelmOptions helm = mojo.helmOptions();
        String hash = inputsHash(inputs, config, failOn) + helmHash(helm);
        Path stampFile = out.resolve(STAMP);
        UpToDate.Stamp stamp = UpToDate.read(stampFile);
        // strict mode (CI) always lints: stale baseline entries must fail every run, not only the first
        if (!mojo.forceLint
                && !mojo.baselineStrict
                && stamp != null
                && stamp.hash().equals(hash)
                && reportsExist(out)) {
            mojo.getLog()
                    .info("vigil:lint: up to date, no input changed since the last report (vigil.lint.force=true "
                            + "lints anyway)");
            mojo.log(stamp.lines());
            return new GoalOutcome(List.of(), List.of(), List.of(), stamp.failure());
        }

        Path root = mojo.root();
        LintResult result = LintRun.lint(mojo.toolVersion(), root, inputs, config, helm);
        Baseline.Applied applied = baseline.apply(LintRun.issues(result, root), Baseline.LINT, mojo.today());
        LintResult reported = LintRun.withSuppressions(result, applied.issues());
        writeReports(out, reported, applied.issues());

        List<Console.Line> lines = new ArrayList<>();
        for (LoadProblem p : result.problems()) {
            lines.add(new Console.Line("error", "vigil:lint: " + relativize(p, root)));
        }
        String where = mojo.display(out.resolve(SARIF)) + ", " + JSON + ", " + JUNIT + ", " + HTML;
        String summary = "vigil:lint: " + Console.counts(applied.issues()) + " in "
                + result.objects().size() + " objects from " + result.files() + " files; reports: " + where;
        lines.addAll(Console.render("vigil:lint", applied.issues(), mojo.maxConsole, summary));
        mojo.log(lines);

        String failure = failure(applied.issues(), result.problems(), failOn, where);
        try {
            UpToDate.write(stampFile, new UpToDate.Stamp(hash, lines, failure));
        } catch (IOException e) {
            mojo.getLog().debug("cannot write " + stampFile + ": " + e.getMessage());
        }
        return new GoalOutcome(applied.issues(), applied.stale(), applied.expired(), failure);
    }

    private static String relativize(LoadProblem p, Path root) {
        return new LoadProblem(LintRun.relative(root, p.file()), p.line(), p.column(), p.message()).toString();
    }

    static String failure(List<Issue> issues, List<LoadProblem> problems, FailOn failOn, String where) {
        if (failOn == FailOn.NEVER) {
            return null;
        }
        long failing = issues.stream()
                .filter(i -> !i.suppressed() && failOn.fails(i.level()))
                .count();
        List<String> parts = new ArrayList<>();
        if (failing > 0) {
            parts.add(failing + " manifest finding(s) at or above failOn=" + failOn.id());
        }
        if (!problems.isEmpty()) {
            parts.add(problems.size() + " unreadable manifest(s)");
        }
        return parts.isEmpty() ? null : "vigil:lint: " + String.join(" and ", parts) + " (see " + where + ")";
    }

    private boolean reportsExist(Path out) {
        for (String name : List.of(SARIF, JSON, JUNIT, HTML)) {
            if (!Files.isRegularFile(out.resolve(name))) {
                return false;
            }
        }
        return true;
    }

    /** The Helm options and values files, so that changing them lints again. */
    private static String helmHash(HelmOptions helm) {
        UpToDate h = new UpToDate().add(helm.toString());
        helm.valuesFiles().forEach(h::addTree);
        return h.hash();
    }

    private String inputsHash(List<Path> inputs, PolicyConfig config, FailOn failOn) {
        UpToDate h = new UpToDate()
                .add(mojo.toolVersion())
                .add(mojo.root().toString())
                .add(config.toString())
                .add(failOn.id())
                .add(Integer.toString(mojo.maxConsole))
                .add(Boolean.toString(mojo.baselineStrict))
                .add(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
        if (mojo.config != null) {
            h.addTree(mojo.config.toPath());
        }
        h.addTree(mojo.baseline.toPath());
        for (Path p : inputs) {
            h.addTree(p);
        }
        return h.hash();
    }

    private void writeReports(Path out, LintResult result, List<Issue> issues) throws MojoExecutionException {
        try {
            Files.createDirectories(out);
            write(out.resolve(SARIF), new SarifReportWriter(), result);
            write(out.resolve(JSON), new JsonReportWriter(), result);
            write(out.resolve(JUNIT), new JunitReportWriter(), result);
            Map<String, String> help = new LinkedHashMap<>();
            result.rules().forEach(r -> help.put(r.id(), r.description() + " Fix: " + r.remediation()));
            Files.writeString(
                    out.resolve(HTML),
                    HtmlReport.render(
                            "Vigil manifest lint: " + mojo.project.getArtifactId(),
                            Console.counts(issues) + " in " + result.objects().size() + " objects",
                            issues,
                            help),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write reports to " + out + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, ReportWriter writer, LintResult result) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write(result, w);
        }
    }
}
