package dev.vigil.vuln.version;

import org.apache.maven.artifact.versioning.ComparableVersion;

/** Maven's own version ordering, maven-artifact's {@link ComparableVersion}. */
public final class MavenVersion {
    /** Compares two Maven versions as Maven does. */
    public static final VersionOrder ORDER = (a, b) -> new ComparableVersion(a).compareTo(new ComparableVersion(b));

    private MavenVersion() {}
}
