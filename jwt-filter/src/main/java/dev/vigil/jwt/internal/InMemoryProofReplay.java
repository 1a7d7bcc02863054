package dev.vigil.jwt.internal;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-JVM replay cache: one bounded bucket per key, so that no client's traffic can fill another client's
 * allowance. Expired proofs are dropped as new ones of the same key arrive; empty buckets every 1,024 records.
 */
public final class InMemoryProofReplay implements ProofReplay {
    private static final int SWEEP_EVERY = 1024;

    private final Clock clock;
    private final int maxPerKey;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger records = new AtomicInteger();

    public InMemoryProofReplay(Clock clock, int maxPerKey) {
        this.clock = clock;
        this.maxPerKey = maxPerKey;
    }

    @Override
    public boolean firstUse(String keyThumbprint, String jtiHash, long untilMillis) {
        long now = clock.millis();
        if (records.incrementAndGet() % SWEEP_EVERY == 0) {
            buckets.values().removeIf(b -> b.emptyAfterPruning(now));
        }
        return buckets.computeIfAbsent(keyThumbprint, k -> new Bucket()).add(jtiHash, untilMillis, now, maxPerKey);
    }

    /** One key's live proofs, jti hash to expiry, roughly in expiry order. */
    private static final class Bucket {
        private final LinkedHashMap<String, Long> live = new LinkedHashMap<>();

        synchronized boolean add(String jtiHash, long until, long now, int max) {
            prune(now, false);
            if (live.size() >= max) {
                prune(now, true);
            }
            if (live.containsKey(jtiHash) || live.size() >= max) {
                return false;
            }
            live.put(jtiHash, until);
            return true;
        }

        synchronized boolean emptyAfterPruning(long now) {
            prune(now, true);
            return live.isEmpty();
        }

        /** From the oldest: up to the first live proof, or (all) through the whole bucket. */
        private void prune(long now, boolean all) {
            for (Iterator<Long> it = live.values().iterator(); it.hasNext(); ) {
                if (it.next() <= now) {
                    it.remove();
                } else if (!all) {
                    return;
                }
            }
        }
    }
}
