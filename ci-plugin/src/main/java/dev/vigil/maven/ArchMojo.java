package dev.vigil.maven;

import dev.vigil.archrules.report.Baseline;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Checks the compiled classes against Vigil's security architecture rules ({@code VIGIL-ARCH-001} …) and writes
 * {@code arch.sarif}, {@code TEST-vigil-arch.xml} and {@code arch.html} to {@code target/vigil}.
 */
@Mojo(
        name = "arch",
        defaultPhase = LifecyclePhase.VERIFY,
        threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class ArchMojo extends AbstractVigilMojo {
    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Baseline base = readBaseline();
        conclude(List.of(new ArchStep(this).run(base)), base);
    }
}
