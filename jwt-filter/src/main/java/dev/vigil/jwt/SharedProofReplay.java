package dev.vigil.jwt;

import dev.vigil.jwt.internal.ProofReplay;
import java.time.Instant;

/**
 * DPoP proofs recorded in a shared {@link SessionStore}, so every instance refuses a replay. While the store is
 * unreachable, this instance's own cache still refuses replays it has seen (whether the access token itself is
 * accepted then is the revocation check's decision: {@code vigil.jwt.revocation.on-store-failure}).
 */
final class SharedProofReplay implements ProofReplay {
    private static final System.Logger LOG = System.getLogger(SharedProofReplay.class.getName());

    private final SessionStore store;
    private final ProofReplay local;
    private final int maxPerKey;

    SharedProofReplay(SessionStore store, ProofReplay local, int maxPerKey) {
        this.store = store;
        this.local = local;
        this.maxPerKey = maxPerKey;
    }

    @Override
    public boolean firstUse(String keyThumbprint, String jtiHash, long untilMillis) {
        boolean locallyNew = local.firstUse(keyThumbprint, jtiHash, untilMillis);
        try {
            return store.recordProof(keyThumbprint, jtiHash, Instant.ofEpochMilli(untilMillis), maxPerKey)
                    && locallyNew;
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.DEBUG, "vigil-jwt: DPoP replay recorded in this instance only: store down");
            return locallyNew;
        }
    }
}
