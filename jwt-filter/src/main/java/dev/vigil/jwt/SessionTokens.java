package dev.vigil.jwt;

/**
 * What a login or refresh hands out.
 *
 * @param refreshToken the new refresh token, or null when a concurrent request within the grace window reused
 *     the immediate parent (the other request already set the new cookie)
 * @param tokenType {@code Bearer}, or {@code DPoP} when the tokens are bound to a DPoP key
 */
public record SessionTokens(
        String accessToken,
        String tokenType,
        long expiresInSeconds,
        String refreshToken,
        long refreshExpiresInSeconds,
        String familyId) {}
