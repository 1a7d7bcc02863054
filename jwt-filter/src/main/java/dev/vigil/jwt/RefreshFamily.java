package dev.vigil.jwt;

import java.util.Map;
import java.util.Set;

/**
 * One login's chain of refresh tokens. Only hashes of refresh tokens are stored. Times are epoch millis.
 * {@code version} increases with every change so that stores can compare-and-set.
 *
 * @param deviceHash SHA-256 of the device binding (DPoP key thumbprint, or device cookie and User-Agent)
 * @param currentHash hash of the one refresh token that may rotate now
 * @param parentHash hash of the token it replaced, honoured once more within the reuse grace window
 * @param accessJtis access tokens issued to this family that may still be live (until exp + clock skew), jti to
 *     expiry; at most {@code max-live-access-tokens}, older ones are revoked by jti when they are dropped
 * @param revoked set by stores that can flag the record; the authority is the store's tombstone
 *     ({@link SessionStore#isFamilyRevoked})
 */
public record RefreshFamily(
        String id,
        String subject,
        Set<String> scopes,
        String deviceHash,
        String dpopThumbprint,
        long createdAt,
        long absoluteExpiresAt,
        long idleExpiresAt,
        String currentHash,
        String parentHash,
        long rotatedAt,
        boolean revoked,
        Map<String, Long> accessJtis,
        long version) {

    public RefreshFamily {
        scopes = Set.copyOf(scopes);
        accessJtis = Map.copyOf(accessJtis);
    }

    /**
     * After a rotation: {@code newCurrentHash} may rotate next, the current token becomes the parent (honoured within
     * the grace window), the idle expiry moves and the live access tokens are {@code liveJtis}.
     */
    public RefreshFamily rotated(String newCurrentHash, long now, long newIdleExpiresAt, Map<String, Long> liveJtis) {
        return next(newIdleExpiresAt, newCurrentHash, currentHash, now, revoked, liveJtis);
    }

    /** After the parent was presented within the grace window: only the live access tokens change. */
    public RefreshFamily withAccessTokens(Map<String, Long> liveJtis) {
        return next(idleExpiresAt, currentHash, parentHash, rotatedAt, revoked, liveJtis);
    }

    /** The same family flagged revoked (for stores that flag the record besides the tombstone). */
    public RefreshFamily markedRevoked() {
        return next(idleExpiresAt, currentHash, parentHash, rotatedAt, true, accessJtis);
    }

    /** The next version: what a login fixed (subject, device, lifetimes) never changes. */
    private RefreshFamily next(
            long idle, String current, String parent, long rotated, boolean isRevoked, Map<String, Long> jtis) {
        return new RefreshFamily(
                id,
                subject,
                scopes,
                deviceHash,
                dpopThumbprint,
                createdAt,
                absoluteExpiresAt,
                idle,
                current,
                parent,
                rotated,
                isRevoked,
                jtis,
                version + 1);
    }
}
