package dev.vigil.jwt.internal;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verified tokens by SHA-256 of the token. An entry is used only while the token has not expired and only
 * while its issuer's key-set revision is unchanged, so a removed key takes effect at once. A cache belongs
 * to one immutable configuration; revocation is checked on every hit by the caller.
 */
public final class VerifiedTokenCache {
    private record Entry(VerifiedClaims claims, long revision) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    public VerifiedTokenCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    public static String key(String token) {
        return new String(Hashing.sha256(token.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.ISO_8859_1);
    }

    /** The cached claims, or null when absent, expired, or verified under another key-set revision. */
    public VerifiedClaims get(String key, long nowMillis, IssuerRevision revisions) throws TokenRejection {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (e.claims().expiresAtMillis() <= nowMillis
                || e.revision() != revisions.of(e.claims().issuer())) {
            entries.remove(key, e);
            return null;
        }
        return e.claims();
    }

    public void put(String key, VerifiedClaims claims, long revision, long nowMillis) {
        if (entries.size() >= maxEntries) {
            evict(nowMillis);
        }
        entries.put(key, new Entry(claims, revision));
    }

    private void evict(long nowMillis) {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            if (it.next().claims().expiresAtMillis() <= nowMillis) {
                it.remove();
            }
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
    }

    public int size() {
        return entries.size();
    }

    /** Looks up an issuer's current key-set revision. */
    public interface IssuerRevision {
        long of(String issuer) throws TokenRejection;
    }
}
