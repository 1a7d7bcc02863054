package dev.vigil.vuln.version;

import java.util.Comparator;
import java.util.Locale;

/** A version ordering of one ecosystem: Maven's, dpkg's or apk's. */
public interface VersionOrder extends Comparator<String> {

    /** The ordering for an OSV ecosystem name ({@code Maven}, {@code Debian:12}, {@code Alpine:v3.18}, …). */
    static VersionOrder forEcosystem(String ecosystem) {
        String base = ecosystem.contains(":") ? ecosystem.substring(0, ecosystem.indexOf(':')) : ecosystem;
        return switch (base.toLowerCase(Locale.ROOT)) {
            case "debian", "ubuntu" -> DpkgVersion.ORDER;
            case "alpine" -> ApkVersion.ORDER;
            default -> MavenVersion.ORDER;
        };
    }
}
