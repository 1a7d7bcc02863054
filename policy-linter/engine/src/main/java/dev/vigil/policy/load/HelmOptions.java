package dev.vigil.policy.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How Helm chart directories are rendered ({@code vigil lint CHART_DIR}), as {@code helm template} would with the
 * same flags.
 *
 * @param valuesFiles {@code --values} files, later ones win
 * @param set {@code --set key=value} entries (Helm's syntax: {@code a.b=c,d[0]=e}), later ones win
 * @param releaseName the release name ({@code .Release.Name}); {@code release-name} when null
 * @param namespace the release namespace ({@code .Release.Namespace}); {@code default} when null
 * @param kubeVersion the Kubernetes version a chart's {@code kubeVersion} constraint is checked against, e.g.
 *     {@code v1.33}; null for none. Templates see Helm's built-in {@code .Capabilities.KubeVersion}: helm-java
 *     0.0.15 cannot set it.
 */
public record HelmOptions(
        List<Path> valuesFiles, List<String> set, String releaseName, String namespace, String kubeVersion) {
    /** {@code helm template release-name CHART}. */
    public static final HelmOptions DEFAULT = new HelmOptions(List.of(), List.of(), null, null, null);

    public HelmOptions {
        valuesFiles = List.copyOf(valuesFiles);
        set = List.copyOf(set);
        for (String s : set) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + s + "' is not key=value");
            }
        }
    }

    /** The release name templates see. */
    public String effectiveReleaseName() {
        return Objects.requireNonNullElse(releaseName, "release-name");
    }

    /** The namespace templates see. */
    public String effectiveNamespace() {
        return Objects.requireNonNullElse(namespace, "default");
    }
}
