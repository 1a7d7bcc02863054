package dev.vigil.vuln.db;

import dev.vigil.vuln.Severity;
import java.util.List;

/**
 * The parts of one OSV advisory the scanner uses.
 *
 * @param id the advisory id ({@code GHSA-…}, {@code CVE-…}, {@code DSA-…})
 * @param aliases other ids of the same vulnerability
 * @param summary one line, may be empty
 * @param modified the {@code modified} timestamp as written (RFC 3339)
 * @param severity from the CVSS vectors or the database's rating
 * @param affected one entry per affected package
 * @param file the file it was read from (relative to the database)
 */
public record Advisory(
        String id,
        List<String> aliases,
        String summary,
        String modified,
        Severity severity,
        List<Affected> affected,
        String file) {

    /**
     * One {@code affected[]} entry.
     *
     * @param ecosystem the OSV ecosystem as written
     * @param name the package name ({@code group:artifact} for Maven, the source package for Debian)
     * @param ranges {@code ECOSYSTEM}/{@code SEMVER} ranges (GIT ranges are dropped)
     * @param versions the explicit {@code versions} list
     */
    public record Affected(String ecosystem, String name, List<Range> ranges, List<String> versions) {}

    /** One range: its events in the order written. */
    public record Range(String type, List<Event> events) {}

    /**
     * One event: exactly one of the kinds {@code introduced}, {@code fixed}, {@code last_affected}, {@code limit}.
     */
    public record Event(String kind, String version) {}
}
