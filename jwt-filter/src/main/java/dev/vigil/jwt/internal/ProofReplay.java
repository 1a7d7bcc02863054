package dev.vigil.jwt.internal;

/**
 * Remembers DPoP proof {@code jti}s per key (RFC 9449 section 11.1). Proofs are recorded only once the request is
 * otherwise authenticated (its session or access token checked, the key matched), so a client can only ever use up
 * its own key's allowance, never another client's.
 */
public interface ProofReplay {
    /** The most live proofs one key may have recorded at once, unless a store is given another bound. */
    int DEFAULT_MAX_PER_KEY = 10_000;

    /**
     * Records a proof.
     *
     * @param keyThumbprint the proof key's RFC 7638 thumbprint
     * @param jtiHash SHA-256 of the proof's {@code jti}
     * @param untilMillis when the proof can no longer be accepted anyway
     * @return false when this key already presented this jti (a replay), or has its allowance of live proofs in use
     */
    boolean firstUse(String keyThumbprint, String jtiHash, long untilMillis);
}
