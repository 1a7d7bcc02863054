package dev.vigil.config.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * A command line's version: the {@code version} key of the {@code version.properties} resource the build writes
 * (filtered from {@code ${project.version}}) into the command's package.
 */
public final class ToolVersion {
    private ToolVersion() {}

    /**
     * The version as built (e.g. {@code 0.1.0-SNAPSHOT}) from {@code version.properties} in {@code anchor}'s
     * package, or {@code fallback} when the resource or its key is missing or unreadable.
     */
    public static String asBuilt(Class<?> anchor, String fallback) {
        try (InputStream in = anchor.getResourceAsStream("version.properties")) {
            if (in == null) {
                return fallback;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", fallback);
        } catch (IOException e) {
            return fallback;
        }
    }

    /**
     * The release number of {@link #asBuilt}: {@code 0.1.0} of {@code 0.1.0-SNAPSHOT}, {@code 0.0.0} when unknown
     * (SARIF and SBOM consumers want a number).
     */
    public static String release(Class<?> anchor) {
        return asBuilt(anchor, "0.0.0").replace("-SNAPSHOT", "");
    }

    /**
     * For {@code @Command(versionProvider = ToolVersion.Provider.class)}: prints the command's name and the
     * {@link #release} of its package, e.g. {@code vigil scan 0.1.0}.
     */
    public static final class Provider implements CommandLine.IVersionProvider {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public String[] getVersion() {
            return new String[] {spec.name() + " " + release(spec.userObject().getClass())};
        }
    }
}
