package dev.vigil.jwt.internal;

import com.nimbusds.jose.jwk.JWK;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One issuer's verification keys: cached with a TTL, refreshed ahead of expiry off the request thread,
 * fetched single-flight, served stale up to a bound during an outage, and refetched for an unknown kid at a
 * limited rate with a negative cache. Keys never mix across issuers: each issuer has its own instance.
 */
public final class IssuerKeys {
    private static final System.Logger LOG = System.getLogger(IssuerKeys.class.getName());
    private static final int MAX_NEGATIVE_KIDS = 1024;
    private static final long NEVER = Long.MIN_VALUE;

    /** Told about every fetch, for metrics. */
    public interface Listener {
        void fetched(String issuer, boolean ok);
    }

    private record Snapshot(
            Map<String, List<PreparedKey>> byKid,
            List<PreparedKey> all,
            Set<String> material,
            long revision,
            long fetchedAt,
            long refreshAt,
            long expiresAt) {}

    private final String issuer;
    private final KeySource source;
    private final KeySetPolicy policy;
    private final Clock clock;
    private final Executor executor;
    private final Listener listener;
    private final AtomicReference<CompletableFuture<Snapshot>> inflight = new AtomicReference<>();
    private final Map<String, Long> negativeKids = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;
    private volatile long lastFailureAt = NEVER;
    private volatile long lastUnknownKidFetchAt = NEVER;

    public IssuerKeys(
            String issuer, KeySource source, KeySetPolicy policy, Clock clock, Executor executor, Listener listener) {
        this.issuer = issuer;
        this.source = source;
        this.policy = policy;
        this.clock = clock;
        this.executor = executor;
        this.listener = listener;
    }

    public String issuer() {
        return issuer;
    }

    public String describe() {
        return source.describe();
    }

    /** Loads the keys now; used at start-up so that a wrong configuration shows early. */
    public void prefetch() {
        try {
            awaitFetch();
        } catch (TokenRejection e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "vigil-jwt: initial key fetch failed for issuer {0} ({1})",
                    issuer,
                    source.describe());
        }
    }

    /** The current revision; changes whenever the key material changes. Triggers loading like a lookup. */
    public long revision() throws TokenRejection {
        return usable().revision();
    }

    /** Keys that may verify a token with this kid (null: any key) and algorithm. */
    public List<PreparedKey> candidates(String kid, String alg) throws TokenRejection {
        Snapshot s = usable();
        List<PreparedKey> keys = kid == null ? s.all() : s.byKid().get(kid);
        if (keys == null) {
            keys = refetchForUnknownKid(kid, s);
        }
        List<PreparedKey> fit = new ArrayList<>(keys.size());
        for (PreparedKey k : keys) {
            if (k.fits(alg)) {
                fit.add(k);
            }
        }
        if (fit.isEmpty()) {
            throw new TokenRejection(Reason.NO_MATCHING_KEY);
        }
        return fit;
    }

    /**
     * A signature failed under a known kid: the IdP may have replaced the key but kept its kid. Refetches at most
     * once per unknown-kid interval (shared with unknown kids) and answers whether the key material changed.
     */
    public boolean refetchAfterSignatureFailure() {
        long now = clock.millis();
        boolean allowed = lastUnknownKidFetchAt == NEVER
                || now - lastUnknownKidFetchAt >= policy.unknownKidInterval().toMillis();
        if (!allowed) {
            return false;
        }
        lastUnknownKidFetchAt = now;
        Snapshot before = snapshot;
        try {
            Snapshot after = awaitFetch();
            return before == null || after.revision() != before.revision();
        } catch (TokenRejection e) {
            return false;
        }
    }

    private List<PreparedKey> refetchForUnknownKid(String kid, Snapshot s) throws TokenRejection {
        long now = clock.millis();
        Long negativeUntil = negativeKids.get(kid);
        if (negativeUntil != null && negativeUntil > now) {
            throw new TokenRejection(Reason.UNKNOWN_KEY_ID);
        }
        boolean allowed = lastUnknownKidFetchAt == NEVER
                || now - lastUnknownKidFetchAt >= policy.unknownKidInterval().toMillis();
        if (!allowed) {
            throw new TokenRejection(Reason.UNKNOWN_KEY_ID); // rate-limited: not remembered as absent
        }
        lastUnknownKidFetchAt = now;
        Snapshot fresh;
        try {
            fresh = awaitFetch();
        } catch (TokenRejection e) {
            throw new TokenRejection(Reason.UNKNOWN_KEY_ID); // the IdP is down: keep serving what we have
        }
        List<PreparedKey> keys = fresh.byKid().get(kid);
        if (keys != null) {
            return keys;
        }
        if (negativeKids.size() >= MAX_NEGATIVE_KIDS) {
            negativeKids.clear();
        }
        negativeKids.put(kid, now + policy.negativeKidTtl().toMillis()); // confirmed absent after a fetch
        throw new TokenRejection(Reason.UNKNOWN_KEY_ID);
    }

    private Snapshot usable() throws TokenRejection {
        Snapshot s = snapshot;
        long now = clock.millis();
        if (s != null && now < s.expiresAt()) {
            if (now >= s.refreshAt()) {
                startFetch();
            }
            return s;
        }
        if (s != null && now < s.expiresAt() + policy.maxStale().toMillis()) {
            startFetch();
            return s;
        }
        return awaitFetch();
    }

    private Snapshot awaitFetch() throws TokenRejection {
        long now = clock.millis();
        Snapshot s = snapshot;
        boolean tooStale = s == null || now >= s.expiresAt() + policy.maxStale().toMillis();
        if (tooStale
                && lastFailureAt != NEVER
                && now - lastFailureAt < policy.retryAfter().toMillis()) {
            throw new TokenRejection(Reason.KEYS_UNAVAILABLE); // do not hammer a failing IdP
        }
        try {
            return startFetch().get(policy.fetchTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // fall through
        }
        s = snapshot;
        if (s != null && clock.millis() < s.expiresAt() + policy.maxStale().toMillis()) {
            return s;
        }
        throw new TokenRejection(Reason.KEYS_UNAVAILABLE);
    }

    /** Starts a fetch unless one is running (single-flight) and returns it. */
    private CompletableFuture<Snapshot> startFetch() {
        CompletableFuture<Snapshot> running = inflight.get();
        if (running != null) {
            return running;
        }
        CompletableFuture<Snapshot> mine = new CompletableFuture<>();
        if (!inflight.compareAndSet(null, mine)) {
            return inflight.get();
        }
        long startedAt = clock.millis();
        executor.execute(() -> {
            Snapshot fresh = null;
            Exception failure = null;
            try {
                fresh = load();
                snapshot = fresh;
            } catch (Exception e) {
                failure = e;
                lastFailureAt = startedAt;
            }
            inflight.set(null); // before completing: whoever wakes up may start the next fetch
            listener.fetched(issuer, failure == null);
            if (failure == null) {
                mine.complete(fresh);
            } else {
                mine.completeExceptionally(failure);
                LOG.log(
                        System.Logger.Level.WARNING,
                        "vigil-jwt: key fetch failed for issuer {0} ({1}): {2}",
                        issuer,
                        source.describe(),
                        failure.getMessage());
            }
        });
        return mine;
    }

    private Snapshot load() throws IOException {
        KeySource.Loaded loaded = source.load();
        Map<String, List<PreparedKey>> byKid = new ConcurrentHashMap<>();
        List<PreparedKey> all = new ArrayList<>();
        Set<String> material = new HashSet<>();
        for (JWK jwk : loaded.keys().getKeys()) {
            PreparedKey key;
            try {
                key = PreparedKey.of(jwk);
            } catch (Exception e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "vigil-jwt: skipping unusable key kid={0} of issuer {1}: {2}",
                        jwk.getKeyID(),
                        issuer,
                        e.getMessage());
                continue;
            }
            if (key == null) {
                continue;
            }
            all.add(key);
            material.add(jwk.toJSONString());
            if (jwk.getKeyID() != null) {
                byKid.computeIfAbsent(jwk.getKeyID(), k -> new ArrayList<>()).add(key);
            }
        }
        Snapshot previous = snapshot;
        long revision = previous == null ? 1 : previous.revision();
        if (previous != null && !previous.material().equals(material)) {
            revision++;
            negativeKids.clear();
        }
        long now = clock.millis();
        Duration ttl = policy.clampTtl(loaded.maxAge().orElse(null));
        long ttlMillis = ttl.toMillis();
        return new Snapshot(
                Map.copyOf(byKid),
                Collections.unmodifiableList(all),
                material,
                revision,
                now,
                now + ttlMillis * 8 / 10,
                now + ttlMillis);
    }
}
