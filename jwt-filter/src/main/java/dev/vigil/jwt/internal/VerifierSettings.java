package dev.vigil.jwt.internal;

import java.time.Duration;
import java.util.Set;

/** The validation rules, already checked and normalised by the public configuration. */
public record VerifierSettings(
        Set<String> algorithms,
        Set<String> audiences,
        Duration clockSkew,
        Duration maxLifetime,
        Set<String> requiredClaims,
        String rolesClaim,
        boolean cacheEnabled,
        int cacheMaxEntries) {}
