package dev.vigil.maven;

import dev.vigil.archrules.SecurityRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;

/** {@code vigil:arch} inside a Maven build: classpath, source roots, baseline, reports, console, verdict. */
final class ArchStep {
    static final String SARIF = "arch.sarif";
    static final String JUNIT = "TEST-vigil-arch.xml";
    static final String HTML = "arch.html";
    static final String JSON = "arch.json";

    private final AbstractVigilMojo mojo;

    ArchStep(AbstractVigilMojo mojo) {
        this.mojo = mojo;
    }

    List<Issue> rawIssues() throws MojoExecutionException {
        return check(mojo.securityRules());
    }

    GoalOutcome run(Baseline baseline) throws MojoExecutionException {
        Path classes = mojo.classesDirectory.toPath();
        if (!Files.isDirectory(classes)) {
            mojo.getLog().info("vigil:arch: no compiled classes in " + mojo.display(classes));
            return GoalOutcome.nothing();
        }
        long start = System.nanoTime();
        List<SecurityRule> rules = mojo.securityRules();
        Baseline.Applied applied = baseline.apply(check(rules), Baseline.ARCH, mojo.today());
        double seconds = (System.nanoTime() - start) / 1e9;
        Path out = mojo.outputDirectory.toPath();
        writeReports(out, rules, applied.issues(), seconds);
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
            return ArchRun.run(classes, classpath, sourceRoots, mojo.root(), rules);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read classes: " + e.getMessage(), e);
        }
    }

    private void writeReports(Path out, List<SecurityRule> rules, List<Issue> issues, double seconds)
            throws MojoExecutionException {
        try {
            Files.createDirectories(out);
            Files.writeString(
                    out.resolve(SARIF),
                    ArchSarif.render(mojo.toolVersion(), mojo.root(), rules, issues),
                    StandardCharsets.UTF_8);
            Files.writeString(out.resolve(JUNIT), ArchJunit.render(rules, issues, seconds), StandardCharsets.UTF_8);
            Files.writeString(
                    out.resolve(JSON), ArchJson.render(mojo.toolVersion(), rules, issues), StandardCharsets.UTF_8);
            Map<String, String> help = new LinkedHashMap<>();
            rules.forEach(r -> help.put(r.id(), r.helpText()));
            Files.writeString(
                    out.resolve(HTML),
                    HtmlReport.render(
                            "Vigil security architecture: " + mojo.project.getArtifactId(),
                            Console.counts(issues) + " from " + rules.size() + " rules",
                            issues,
                            help),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write reports to " + out + ": " + e.getMessage(), e);
        }
    }
}
