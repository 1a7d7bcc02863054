package dev.vigil.policy.load;

import java.util.Locale;

/** How a directory holding a {@code kustomization.yaml} is read ({@code vigil lint --kustomize}). */
public enum KustomizeMode {
    /** Every manifest file is read as written; kustomizations are not rendered. */
    OFF,
    /**
     * A directory holding a kustomization is rendered with {@code kubectl kustomize}; the manifest files under it
     * that the kustomization does not reference are counted in the summary (the default).
     */
    AUTO,
    /** Only kustomizations are rendered; manifest files outside them are counted as not referenced, not read. */
    ONLY;

    /** {@code off}, {@code auto} or {@code only}. */
    public static KustomizeMode parse(String value) {
        for (KustomizeMode m : values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + value + "'; expected off, auto or only");
    }
}
