package dev.vigil.policy.load;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;

/** The only class that touches helm-java (an optional dependency): loaded once a chart is to be rendered. */
final class HelmTemplate {
    private HelmTemplate() {}

    /** {@code helm template} of {@code chart}; throws with Helm's message when rendering fails. */
    static String render(Path chart, HelmOptions options, Object lock) {
        TemplateCommand template = new Helm(chart.toAbsolutePath())
                .template()
                .withName(options.effectiveReleaseName())
                .withNamespace(options.effectiveNamespace());
        for (Path values : options.valuesFiles()) {
            template.withValuesFile(values.toAbsolutePath());
        }
        for (String entry : options.set()) {
            int eq = entry.indexOf('=');
            template.set(entry.substring(0, eq), entry.substring(eq + 1));
        }
        synchronized (lock) {
            return template.call();
        }
    }
}
