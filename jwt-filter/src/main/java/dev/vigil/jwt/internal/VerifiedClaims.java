package dev.vigil.jwt.internal;

import java.util.Map;
import java.util.Set;

/** The outcome of a successful verification: who, which scopes, the claims, and what logs may show. */
public record VerifiedClaims(
        String issuer,
        String subject,
        Set<String> scopes,
        Map<String, Object> claims,
        long expiresAtMillis,
        String jti,
        String kid,
        String confirmationThumbprint) {}
