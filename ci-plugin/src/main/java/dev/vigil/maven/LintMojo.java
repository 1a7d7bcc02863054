package dev.vigil.maven;

import dev.vigil.archrules.report.Baseline;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Lints the module's Kubernetes manifests ({@code src/main/k8s}, {@code k8s}, {@code deploy},
 * {@code helm-rendered}) with the Vigil policy engine and writes {@code lint.sarif}, {@code lint.json},
 * {@code TEST-vigil-lint.xml} and {@code lint.html} to {@code target/vigil}. Skips the lint when no input changed
 * since the last report.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class LintMojo extends AbstractVigilMojo {
    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Baseline base = readBaseline();
        conclude(List.of(new LintStep(this).run(base)), base);
    }
}
