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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One issuer's verification keys: cached with a TTL, refreshed ahead of expiry off the request thread,
 * fetched single-flight with a deadline, served stale up to a bound during an outage (failed fetches retried no
 * sooner than retry-after), and refetched for an unknown kid when the key set predates the kid's first sighting:
 * such refetches are coalesced and paced (at most one start per unknown-kid interval), and a kid that a later
 * fetch still lacks is negatively cached per kid. Keys never mix across issuers: each issuer has its own instance.
 */
public final class IssuerKeys {
    private static final System.Logger LOG = System.getLogger(IssuerKeys.class.getName());
    private static final int MAX_TRACKED_KIDS = 1024;
    private static final int MAX_WAITING_FOR_REFETCH = 16;
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
            long fetch,
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
    private record Inflight(
            CompletableFuture<Snapshot> result, long deadlineNanos, long number, AtomicBoolean finished) {}

    private final AtomicReference<Inflight> inflight = new AtomicReference<>();
    private final AtomicLong fetches = new AtomicLong(); // numbers every fetch at its start
    private final UnknownKids unknownKids;
    private final Semaphore refetchWaiters = new Semaphore(MAX_WAITING_FOR_REFETCH);
    private final Object pace = new Object();
    private long lastRefetchNanos; // guarded by pace; valid once refetched
    private boolean refetched; // guarded by pace
    private CompletableFuture<Inflight> pacedRefetch; // guarded by pace: the next paced refetch, when scheduled
    private volatile Snapshot snapshot;
    private volatile long lastFailureAt = NEVER;
    private long outageSince = NEVER; // guarded by this
    private int failuresInOutage; // guarded by this

    public IssuerKeys(
            String issuer, KeySource source, KeySetPolicy policy, Clock clock, Executor executor, Listener listener) {
        this.issuer = issuer;
        this.source = source;
        this.policy = policy;
        this.clock = clock;
        this.executor = executor;
        this.listener = listener;
        this.unknownKids =
                new UnknownKids(MAX_TRACKED_KIDS, policy.negativeKidTtl().toMillis());
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
     * A signature failed under a known kid: the IdP may have replaced the key but kept its kid. Joins a refetch
     * started since the current set was fetched, or starts one when the pace allows (never waits for the pace), and
     * answers whether the key material changed.
     */
    public boolean refetchAfterSignatureFailure() {
        Snapshot before = snapshot;
        if (before == null) {
            return false;
        }
        Snapshot after = refetch(before.fetch() + 1, false);
        return after != null && after.revision() != before.revision();
    }

    private List<PreparedKey> refetchForUnknownKid(String kid, Snapshot s) throws TokenRejection {
        long needed = unknownKids.fetchNeeded(kid, clock.millis(), fetches.get() + 1, s.fetch());
        if (needed == UnknownKids.ABSENT) {
            throw new TokenRejection(Reason.UNKNOWN_KEY_ID); // a fetch after its first sighting lacked it
        }
        Snapshot fresh = refetch(needed, true);
        if (fresh == null) {
            // the IdP is failing, too slow, or too many requests wait already: not remembered as absent
            throw new TokenRejection(Reason.UNKNOWN_KEY_ID);
        }
        List<PreparedKey> keys = fresh.byKid().get(kid);
        if (keys != null) {
            return keys;
        }
        unknownKids.lacking(kid, clock.millis(), fresh.fetch());
        throw new TokenRejection(Reason.UNKNOWN_KEY_ID);
    }

    /**
     * A key set from fetch number {@code needed} or later, or null. Joins the fetch under way when it is recent
     * enough; otherwise starts one, at most one per unknown-kid interval: a request that needs one while the pace
     * holds waits for the next paced start if {@code waitForPace} (the refetch is scheduled either way, so a
     * rotated key is picked up without another token). Never waits longer than one fetch timeout in all, and at
     * most {@value #MAX_WAITING_FOR_REFETCH} requests per issuer wait at a time.
     */
    private Snapshot refetch(long needed, boolean waitForPace) {
        if (!refetchWaiters.tryAcquire()) {
            return null;
        }
        try {
            long until = System.nanoTime() + policy.fetchTimeout().toNanos();
            for (int round = 0; round < 4 && System.nanoTime() < until; round++) {
                Snapshot s = snapshot;
                if (s != null && s.fetch() >= needed) {
                    return s;
                }
                if (!mayFetch(clock.millis())) {
                    return null; // retry-after holds: do not hammer a failing IdP
                }
                Inflight running = inflight.get();
                if (running == null) {
                    running = pacedStart(until, waitForPace);
                    if (running == null) {
                        return null;
                    }
                }
                Snapshot got = await(running, until);
                if (got != null && got.fetch() >= needed) {
                    return got;
                }
                if (got == null && running.number() >= needed) {
                    return null; // the fetch that could know it failed
                }
                // an older fetch ended (a background refresh started before the sighting): start a newer one
            }
            return null;
        } finally {
            refetchWaiters.release();
        }
    }

    /** Starts a refetch now if the pace allows, else schedules one and (if asked) waits for it to start. */
    private Inflight pacedStart(long until, boolean waitForPace) {
        CompletableFuture<Inflight> next;
        synchronized (pace) {
            long now = System.nanoTime();
            long due =
                    refetched ? lastRefetchNanos + policy.unknownKidInterval().toNanos() : now;
            if (pacedRefetch == null && due - now <= 0) {
                refetched = true;
                lastRefetchNanos = now;
                return startFetch();
            }
            if (!waitForPace) {
                return null;
            }
            if (due - until >= 0) {
                waitForPace = false; // the next start comes after this request's wait: schedule it, do not wait
            }
            next = pacedRefetch;
            if (next == null) {
                CompletableFuture<Inflight> scheduled = new CompletableFuture<>();
                pacedRefetch = scheduled;
                next = scheduled;
                CompletableFuture.delayedExecutor(due - now, TimeUnit.NANOSECONDS)
                        .execute(() -> startPaced(scheduled));
            }
        }
        long wait = until - System.nanoTime();
        if (!waitForPace || wait <= 0) {
            return null;
        }
        try {
            return next.get(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    private void startPaced(CompletableFuture<Inflight> scheduled) {
        Inflight started = null;
        try {
            synchronized (pace) {
                pacedRefetch = null;
                refetched = true;
                lastRefetchNanos = System.nanoTime();
            }
            if (mayFetch(clock.millis())) {
                started = startFetch();
            }
        } finally {
            scheduled.complete(started);
        }
    }

    /** The fetch's key set, or null when it failed or did not end by {@code until}. */
    private Snapshot await(Inflight fetch, long until) {
        long wait = Math.min(until, fetch.deadlineNanos() + DEADLINE_MARGIN_NANOS) - System.nanoTime();
        try {
            return fetch.result().get(Math.max(0, wait), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
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
                        System.nanoTime() + policy.fetchTimeout().toNanos(),
                        fetches.incrementAndGet(),
                        new AtomicBoolean());
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
        if (!fetch.finished().compareAndSet(false, true)) {
            return; // the other of its two finishers (the load and the deadline timer) came first
        }
        Snapshot fresh;
        long outageStart;
        int failures;
        synchronized (this) {
            long now = clock.millis();
            fresh = failure == null ? snapshotOf(loaded, fetch.number()) : null;
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
    private Snapshot snapshotOf(KeySource.Loaded loaded, long number) {
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
                        HttpFetcher.oneLine(jwk.getKeyID()),
                        issuer,
                        HttpFetcher.oneLine(e.getMessage()));
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
        }
        long now = clock.millis();
        Duration ttl = policy.clampTtl(loaded.maxAge().orElse(null));
        long ttlMillis = ttl.toMillis();
        return new Snapshot(
                Map.copyOf(byKid),
                Collections.unmodifiableList(all),
                material,
                revision,
                number,
                now,
                now + ttlMillis * 8 / 10,
                now + ttlMillis);
    }
}
