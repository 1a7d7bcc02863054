package dev.vigil.jwt.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The revocations this instance recorded itself (family ids and access-token jtis), each kept until it no longer
 * matters, so that this instance keeps refusing them while the shared store cannot be read. Bounded: past
 * {@code maxEntries} the expired ones are dropped, then the ones expiring first (the store still holds them).
 */
public final class LocalRevocations {
    private final int maxEntries;
    private final Map<String, Long> untilMillis = new HashMap<>();

    public LocalRevocations(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    public synchronized void family(String familyId, long untilMillis, long nowMillis) {
        put("f:" + familyId, untilMillis, nowMillis);
    }

    public synchronized void jti(String jti, long untilMillis, long nowMillis) {
        put("j:" + jti, untilMillis, nowMillis);
    }

    /** Whether the jti or the family (either may be null) was revoked here and is still within its time. */
    public synchronized boolean isRevoked(String jti, String familyId, long nowMillis) {
        return live(jti == null ? null : "j:" + jti, nowMillis)
                || live(familyId == null ? null : "f:" + familyId, nowMillis);
    }

    public synchronized int size() {
        return untilMillis.size();
    }

    private boolean live(String key, long nowMillis) {
        if (key == null) {
            return false;
        }
        Long until = untilMillis.get(key);
        return until != null && until > nowMillis;
    }

    private void put(String key, long until, long now) {
        if (until <= now) {
            return;
        }
        untilMillis.merge(key, until, Math::max);
        if (untilMillis.size() <= maxEntries) {
            return;
        }
        untilMillis.values().removeIf(u -> u <= now);
        if (untilMillis.size() > maxEntries) {
            // drop the tenth that expires first at once, so that a full table costs one sort per many inserts
            long[] sorted = untilMillis.values().stream()
                    .mapToLong(Long::longValue)
                    .sorted()
                    .toArray();
            long cut = sorted[Math.max(0, untilMillis.size() - maxEntries * 9 / 10 - 1)];
            untilMillis.values().removeIf(u -> u <= cut);
        }
    }
}
