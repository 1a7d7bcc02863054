package dev.vigil.maven;

import dev.vigil.archrules.SecurityRule;
import dev.vigil.archrules.report.Baseline;
import dev.vigil.archrules.report.CodeConfig;
import dev.vigil.archrules.report.CodeFormat;
import dev.vigil.archrules.report.CodeReport;
import dev.vigil.archrules.report.CodeRun;
import dev.vigil.archrules.report.Console;
import dev.vigil.archrules.report.FailOn;
import dev.vigil.archrules.report.Issue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * {@code vigil:arch} inside a Maven build: the classpath, source roots and settings Maven knows, then the shared
 * step ({@link CodeRun}), baseline, the shared report writers ({@link CodeReport}), console and verdict.
 */
final class ArchStep {
    static final String SARIF = CodeFormat.SARIF.fileName();
    static final String JUNIT = CodeFormat.JUNIT.fileName();
    static final String HTML = CodeFormat.HTML.fileName();
    static final String JSON = CodeFormat.JSON.fileName();

    private final AbstractVigilMojo mojo;

    ArchStep(AbstractVigilMojo mojo) {
        this.mojo = mojo;
    }

    List<Issue> rawIssues() throws MojoExecutionException {
        CodeConfig config = mojo.codeConfig();
        return config.applyIgnores(check(mojo.securityRules()), mojo.today());
    }

    GoalOutcome run(Baseline baseline) throws MojoExecutionException {
        Path classes = mojo.classesDirectory.toPath();
        if (!Files.isDirectory(classes)) {
            mojo.getLog().info("vigil:arch: no compiled classes in " + mojo.display(classes));
            return GoalOutcome.nothing();
        }
        long start = System.nanoTime();
        CodeConfig config = mojo.codeConfig();
        List<SecurityRule> rules = mojo.securityRules();
        for (CodeConfig.Ignore i : config.expiredIgnores(mojo.today())) {
            mojo.getLog()
                    .warn("vigil:arch: " + i.where() + ": code.ignore entry expired on " + i.expires()
                            + ", its findings count again");
        }
        List<Issue> found = config.applyIgnores(check(rules), mojo.today());
        Baseline.Applied applied = baseline.apply(found, Baseline.ARCH, mojo.today());
        double seconds = (System.nanoTime() - start) / 1e9;
        Path out = mojo.outputDirectory.toPath();
        CodeReport report = new CodeReport(
                mojo.toolVersion(),
                mojo.root(),
                "Vigil security architecture: " + mojo.project.getArtifactId(),
                rules,
                applied.issues(),
                seconds);
        writeReports(out, report);
        String where = mojo.display(out.resolve(SARIF)) + ", " + JSON + ", " + JUNIT + ", " + HTML;
        String summary = "vigil:arch: " + Console.counts(applied.issues()) + " from " + rules.size()
                + " security rules; reports: " + where;
        mojo.log(Console.render("vigil:arch", applied.issues(), mojo.maxConsole, summary));
        FailOn failOn = mojo.failOnLevel();
        long failing = applied.issues().stream()
                .filter(i -> !i.suppressed() && failOn.fails(i.level()))
                .count();
        String failure = failing == 0
                ? null
                : "vigil:arch: " + failing + " security finding(s) at or above failOn=" + failOn.id() + " (see " + where
                        + ")";
        return new GoalOutcome(applied.issues(), applied.stale(), applied.expired(), failure);
    }

    private List<Issue> check(List<SecurityRule> rules) throws MojoExecutionException {
        Path classes = mojo.classesDirectory.toPath();
        if (!Files.isDirectory(classes)) {
            return List.of();
        }
        List<Path> classpath = new ArrayList<>();
        try {
            for (String element : mojo.project.getCompileClasspathElements()) {
                Path p = Path.of(element);
                if (!p.equals(classes)) {
                    classpath.add(p);
                }
            }
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("compile classpath not resolved: " + e.getMessage(), e);
        }
        List<Path> sourceRoots = new ArrayList<>();
        for (String root : mojo.project.getCompileSourceRoots()) {
            sourceRoots.add(Path.of(root));
        }
        try {
            return CodeRun.run(List.of(classes), classpath, sourceRoots, mojo.root(), rules);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(
                    "cannot read classes: " + e.getCause().getMessage(), e);
        }
    }

    private void writeReports(Path out, CodeReport report) throws MojoExecutionException {
        try {
            Files.createDirectories(out);
            for (CodeFormat f : List.of(CodeFormat.SARIF, CodeFormat.JUNIT, CodeFormat.JSON, CodeFormat.HTML)) {
                Files.writeString(out.resolve(f.fileName()), report.render(f), StandardCharsets.UTF_8);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("cannot write reports to " + out + ": " + e.getMessage(), e);
        }
    }
}
