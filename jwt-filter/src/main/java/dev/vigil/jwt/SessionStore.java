package dev.vigil.jwt;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Persistence for refresh-token families and access-token revocations. Implementations must make
 * {@link #replace} an atomic compare-and-set on {@link RefreshFamily#version()}, make
 * {@link #revokeFamily(String, Instant)} an unconditional write, and throw {@link StoreUnavailableException} when
 * their backend cannot be reached.
 */
public interface SessionStore extends AutoCloseable {
    /** Stores a new family and indexes its first refresh token hash. */
    void create(RefreshFamily family, String tokenHash);

    /** The family a refresh token hash was ever issued in, if the family still exists. */
    Optional<RefreshFamily> findByToken(String tokenHash);

    Optional<RefreshFamily> find(String familyId);

    /**
     * Replaces {@code expected} by {@code updated} if the stored version still equals {@code expected.version()};
     * indexes {@code newTokenHash} (when not null) to the family.
     *
     * @return false when another writer won
     */
    boolean replace(RefreshFamily expected, RefreshFamily updated, String newTokenHash);

    /** Ids of the families of a subject. */
    Set<String> familiesOf(String subject);

    /** Remembers a revoked access token until it would have expired anyway. */
    void revokeJti(String jti, Instant until);

    boolean isJtiRevoked(String jti);

    /**
     * Records, unconditionally, that a family is revoked until {@code until} (a tombstone). This must never lose
     * against a concurrent {@link #replace}: it is a plain write, not a compare-and-set, and every refresh checks it
     * after its own compare-and-set. Access tokens carry their family id ({@code sid}) and are refused while it
     * is recorded here.
     *
     * @throws StoreUnavailableException when the revocation could not be recorded
     */
    void revokeFamily(String familyId, Instant until);

    /** Whether a tombstone for the family is recorded (see {@link #revokeFamily(String, Instant)}). */
    boolean isFamilyRevoked(String familyId);

    /**
     * Whether an access token is revoked by its jti or by its family; either may be null. Stores with a network
     * round trip answer both in one.
     */
    default boolean isRevoked(String jti, String familyId) {
        return (jti != null && isJtiRevoked(jti)) || (familyId != null && isFamilyRevoked(familyId));
    }

    /**
     * Whether several instances share this store. DPoP proof jtis are then recorded in it
     * ({@link #recordProof}), so that a proof replayed against another instance is refused too.
     */
    default boolean isShared() {
        return false;
    }

    /**
     * Records a DPoP proof of one key, atomically: false when the key already presented this jti, or has
     * {@code maxPerKey} live proofs recorded. Called only when {@link #isShared()}.
     *
     * @throws StoreUnavailableException when the store cannot be reached
     */
    default boolean recordProof(String keyThumbprint, String jtiHash, Instant until, int maxPerKey) {
        throw new UnsupportedOperationException("only a shared store records DPoP proofs");
    }

    @Override
    default void close() {}
}
