package dev.vigil.maven;

import dev.vigil.archrules.report.Baseline;
import dev.vigil.archrules.report.Issue;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes {@code vigil-baseline.json}: every current finding of the lint and the security rules is accepted for now
 * (kept entries keep their justification and expiry), so that only new findings fail the build. Refuses to write
 * with {@code -Dvigil.baseline.strict}.
 */
@Mojo(
        name = "baseline",
        defaultPhase = LifecyclePhase.VERIFY,
        threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class BaselineMojo extends AbstractVigilMojo {
    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        String name = display(baseline.toPath());
        if (baselineStrict) {
            throw new MojoFailureException(
                    "vigil:baseline: vigil.baseline.strict is set; the baseline is never written in strict mode ("
                            + name + ")");
        }
        Baseline previous = readBaseline();
        List<Issue> lint = new LintStep(this).rawIssues();
        List<Issue> arch = new ArchStep(this).rawIssues();
        String justification = "accepted by vigil:baseline on " + today() + "; fix it or write why it is acceptable";
        Baseline next =
                previous.replace(Baseline.LINT, lint, justification).replace(Baseline.ARCH, arch, justification);
        try {
            next.write(baseline.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + name + ": " + e.getMessage(), e);
        }
        long lintEntries = next.entries().stream()
                .filter(e -> Baseline.LINT.test(e.ruleId()))
                .count();
        getLog().info("vigil:baseline: wrote " + next.entries().size() + " entries to " + name + " (" + lintEntries
                + " manifest, " + (next.entries().size() - lintEntries) + " security architecture)");
    }
}
