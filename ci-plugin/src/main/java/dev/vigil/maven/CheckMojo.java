package dev.vigil.maven;

import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Runs {@code vigil:lint} and {@code vigil:arch}; the build fails after both have reported. */
@Mojo(
        name = "check",
        defaultPhase = LifecyclePhase.VERIFY,
        threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class CheckMojo extends AbstractVigilMojo {
    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Baseline base = readBaseline();
        GoalOutcome lint = new LintStep(this).run(base);
        GoalOutcome arch = new ArchStep(this).run(base);
        conclude(List.of(lint, arch), base);
    }
}
