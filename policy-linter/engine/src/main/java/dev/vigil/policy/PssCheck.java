package dev.vigil.policy;

import java.util.Objects;

/**
 * At which Pod Security Standards level and version an object was checked, and why: an explicitly chosen profile,
 * the {@code enforce} label of its namespace (as the API server's Pod Security Admission decides), a {@code warn}
 * or {@code audit} label (findings then are warnings), or the default profile. Carried by PSS findings and listed
 * per object of namespaces with Pod Security labels.
 *
 * @param resource the object
 * @param level {@code baseline}, {@code restricted}, or {@code privileged} when no PSS check applies
 * @param version the PSS version the checks followed
 * @param reason why, e.g. {@code namespace prod: pod-security.kubernetes.io/enforce=restricted}
 */
public record PssCheck(Resource resource, String level, PssVersion version, String reason) {
    public PssCheck {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reason, "reason");
    }
}
