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
    private static final long DEADLINE_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

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
    /** The fetch under way, if any: its result and the deadline (System.nanoTime) at which it counts as failed. */
    private record Inflight(CompletableFuture<Snapshot> result, long deadlineNanos) {}

    private final AtomicReference<Inflight> inflight = new AtomicReference<>();
    private final Map<String, Long> negativeKids = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;
    private volatile long lastFailureAt = NEVER;
    private long outageSince = NEVER; // guarded by this
    private int failuresInOutage; // guarded by this
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

    /**
     * Loads the keys now, waiting at most one fetch deadline; used at start-up so that a wrong configuration shows
     * early. A failure is logged by the fetch itself (issuer, key source and cause).
     */
    public void prefetch() {
        try {
            awaitFetch();
        } catch (TokenRejection e) {
            // already logged as the start of an outage
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
            if (now >= s.refreshAt() && mayFetch(now)) {
                startFetch(); // refresh ahead, off the request thread
            }
            return s;
        }
        if (s != null && now < s.expiresAt() + policy.maxStale().toMillis()) {
            if (mayFetch(now)) {
                startFetch(); // serve the last good keys while the IdP is retried in the background
            }
            return s;
        }
        return awaitFetch();
    }

    /** No fetch, in the background or not, sooner than retry-after after a failed one: a failing IdP is not hammered. */
    private boolean mayFetch(long now) {
        long failedAt = lastFailureAt;
        return failedAt == NEVER || now - failedAt >= policy.retryAfter().toMillis();
    }

    private Snapshot awaitFetch() throws TokenRejection {
        if (!mayFetch(clock.millis())) {
            throw new TokenRejection(Reason.KEYS_UNAVAILABLE); // do not hammer a failing IdP
        }
        try {
            Inflight fetch = startFetch();
            // the fetch fails itself at its deadline; the small margin only lets that failure arrive first
            long wait = fetch.deadlineNanos() - System.nanoTime() + DEADLINE_MARGIN_NANOS;
            return fetch.result().get(Math.max(0, wait), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // fall through
        }
        Snapshot s = snapshot;
        if (s != null && clock.millis() < s.expiresAt() + policy.maxStale().toMillis()) {
            return s;
        }
        throw new TokenRejection(Reason.KEYS_UNAVAILABLE);
    }

    /**
     * Starts a fetch unless one is running (single-flight) and returns it. A fetch that has not finished by its
     * deadline is failed and its slot cleared, whatever its thread is still doing: one stalled fetch can never
     * stop the next one.
     */
    private Inflight startFetch() {
        Inflight mine = null;
        while (true) {
            Inflight running = inflight.get();
            if (running != null) {
                return running;
            }
            if (mine == null) {
                mine = new Inflight(
                        new CompletableFuture<>(),
                        System.nanoTime() + policy.fetchTimeout().toNanos());
            }
            if (inflight.compareAndSet(null, mine)) {
                break;
            }
        }
        Inflight started = mine;
        CompletableFuture.delayedExecutor(
                        policy.fetchTimeout().toNanos() + DEADLINE_MARGIN_NANOS / 2, TimeUnit.NANOSECONDS)
                .execute(() -> finish(
                        started,
                        null,
                        new TimeoutException("no answer within " + policy.fetchTimeout() + " (the fetch deadline)")));
        try {
            executor.execute(() -> {
                try {
                    finish(started, load(), null);
                } catch (Exception e) {
                    finish(started, null, e);
                }
            });
        } catch (RuntimeException e) { // executor shut down
            finish(started, null, e);
        }
        return started;
    }

    /** Publishes one fetch's outcome, once: a late result of a fetch that already timed out is dropped. */
    private void finish(Inflight fetch, KeySource.Loaded loaded, Exception failure) {
        Snapshot fresh;
        long outageStart;
        int failures;
        synchronized (this) {
            if (fetch.result().isDone()) {
                return;
            }
            long now = clock.millis();
            fresh = failure == null ? snapshotOf(loaded) : null;
            outageStart = outageSince;
            failures = failuresInOutage;
            if (fresh != null) {
                snapshot = fresh;
                outageSince = NEVER;
                failuresInOutage = 0;
            } else {
                lastFailureAt = now;
                if (outageSince == NEVER) {
                    outageSince = now;
                }
                failuresInOutage++;
            }
            inflight.compareAndSet(fetch, null); // before completing: whoever wakes up may start the next fetch
        }
        listener.fetched(issuer, failure == null);
        if (failure == null) {
            fetch.result().complete(fresh);
            if (outageStart != NEVER) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "vigil-jwt: keys of issuer {0} ({1}) fetched again after {2} failed fetch(es) over {3} s",
                        issuer,
                        source.describe(),
                        failures,
                        (clock.millis() - outageStart) / 1000);
            }
        } else {
            fetch.result().completeExceptionally(failure);
            logFailure(failure, outageStart == NEVER);
        }
    }

    /** One warning when an outage starts, naming its cause and what is served meanwhile; then debug lines only. */
    private void logFailure(Exception failure, boolean outageStarts) {
        String cause = HttpFetcher.describe(failure);
        if (!outageStarts) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "vigil-jwt: key fetch for issuer {0} ({1}) failed again: {2}",
                    issuer,
                    source.describe(),
                    cause);
            return;
        }
        Snapshot s = snapshot;
        String serving = s == null
                ? "no keys yet: this issuer's tokens get 503 until a fetch succeeds"
                : "serving the last good keys until "
                        + java.time.Instant.ofEpochMilli(
                                s.expiresAt() + policy.maxStale().toMillis())
                        + " (max-stale), then 503";
        LOG.log(
                System.Logger.Level.WARNING,
                "vigil-jwt: key fetch failed for issuer {0} ({1}): {2}; {3}; retrying at most every {4}",
                issuer,
                source.describe(),
                cause,
                serving,
                policy.retryAfter());
    }

    private KeySource.Loaded load() throws IOException {
        return source.load();
    }

    /** Builds the next snapshot; called under the lock, so revisions count up one change at a time. */
    private Snapshot snapshotOf(KeySource.Loaded loaded) {
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
