package dev.vigil.lint.cli;

import dev.vigil.config.cli.ToolVersion;

/** The Vigil version, written into the jar at build time (as built: 0.1.0-SNAPSHOT stays so). */
final class Version {
    private static final String VERSION = ToolVersion.asBuilt(Version.class, "unknown");

    private Version() {}

    static String get() {
        return VERSION;
    }
}
