package dev.vigil.vuln;

import java.util.List;

/**
 * One vulnerability in one installed package: advisories that name each other as aliases are one finding.
 *
 * @param id the primary id: the CVE when the merged advisories name exactly one, else the smallest advisory id
 * @param aliases the other ids, sorted
 * @param severity the highest severity of the merged advisories
 * @param summary the advisory's summary line, may be empty
 * @param pkg the installed package
 * @param fixed the fixed version(s) of the range(s) that matched, empty when no fix is known
 * @param suppressed whether a suppression or a VEX statement covers it
 * @param justification why it is suppressed (null when not)
 */
public record Finding(
        String id,
        List<String> aliases,
        Severity severity,
        String summary,
        PackageRef pkg,
        List<String> fixed,
        boolean suppressed,
        String justification) {

    public Finding {
        aliases = List.copyOf(aliases);
        fixed = List.copyOf(fixed);
    }

    /** Every id of this finding, primary first. */
    public List<String> ids() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(id), aliases.stream())
                .toList();
    }

    /** This finding, suppressed for {@code why}. */
    public Finding suppress(String why) {
        return new Finding(id, aliases, severity, summary, pkg, fixed, true, why);
    }
}
