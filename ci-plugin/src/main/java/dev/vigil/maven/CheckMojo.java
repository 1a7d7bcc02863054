package dev.vigil.maven;

import dev.vigil.archrules.report.Baseline;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Runs {@code vigil:lint}, {@code vigil:arch} and, when an advisory database is configured, {@code vigil:deps}; the
 * build fails after all have reported.
 */
@Mojo(
        name = "check",
        defaultPhase = LifecyclePhase.VERIFY,
        threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class CheckMojo extends AbstractVigilMojo {
    /** OSV advisory database for the {@code vigil:deps} step; without it (and without .vigil.yaml's) the step is skipped. */
    @Parameter(property = "vigil.deps.db")
    File depsDb;

    /** The lowest severity {@code vigil:deps} fails on: critical, high, medium, low or never. */
    @Parameter(property = "vigil.deps.failOn", defaultValue = "high")
    String depsFailOn;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Baseline base = readBaseline();
        GoalOutcome lint = new LintStep(this).run(base);
        GoalOutcome arch = new ArchStep(this).run(base);
        GoalOutcome deps = depsDb != null || hasVulnerabilitiesSection()
                ? DepsMojo.scan(this, depsDb, depsFailOn)
                : GoalOutcome.nothing();
        conclude(List.of(lint, arch, deps), base);
    }

    private boolean hasVulnerabilitiesSection() {
        return config != null
                && config.isFile()
                && dev.vigil.vuln.VulnConfig.load(config.toPath()).db() != null;
    }
}
