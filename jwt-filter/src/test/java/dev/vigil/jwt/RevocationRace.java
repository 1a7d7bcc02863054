package dev.vigil.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The audit's attack on revocation, as a scenario for any store: an attacker holding a stolen refresh cookie and
 * the device binding refreshes from several threads as fast as it can (the immediate parent inside the grace
 * window: every call mints an access token and rewrites the family), while the victim logs out. After logout
 * returns, no refresh may succeed and no access token of the family may be accepted.
 */
final class RevocationRace {
    static final String DEVICE = "device:stolen\nua";
    static final int ATTACKERS = 6;

    private RevocationRace() {}

    /** What happened, for the assertions and the report. */
    record Outcome(int successesBeforeRevoke, int successesStartedAfterRevoke, int refusalsAfterRevoke) {}

    /**
     * Runs the race. {@code attackers} are the instances the attacker's threads alternate between; {@code victim}
     * is the instance that serves the logout; {@code validator} checks the access tokens afterwards.
     */
    static Outcome run(
            List<RefreshTokenService> attackers,
            RefreshTokenService victim,
            JwtValidator validator,
            int successesBeforeRevoke,
            long millisAfterRevoke)
            throws Exception {
        SessionTokens login = victim.login("victim", Set.of("orders:read"), DEVICE, null);
        SessionTokens current = victim.refresh(login.refreshToken(), DEVICE, null);
        String stolen = login.refreshToken(); // now the immediate parent: accepted again inside the grace window

        Queue<String> accessTokens = new ConcurrentLinkedQueue<>();
        accessTokens.add(login.accessToken());
        accessTokens.add(current.accessToken());
        AtomicInteger before = new AtomicInteger();
        AtomicInteger startedAfter = new AtomicInteger();
        AtomicInteger refusedAfter = new AtomicInteger();
        Map<String, Integer> reasons = new ConcurrentHashMap<>();
        CountDownLatch enough = new CountDownLatch(successesBeforeRevoke);
        var revokedAt = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        var stopAt = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);

        ExecutorService pool = Executors.newFixedThreadPool(ATTACKERS);
        List<Future<?>> threads = new ArrayList<>();
        for (int i = 0; i < ATTACKERS; i++) {
            RefreshTokenService via = attackers.get(i % attackers.size());
            threads.add(pool.submit(() -> {
                while (System.nanoTime() < stopAt.get()) {
                    boolean afterRevoke = System.nanoTime() > revokedAt.get();
                    try {
                        SessionTokens t = via.refresh(stolen, DEVICE, null);
                        accessTokens.add(t.accessToken());
                        if (afterRevoke) {
                            startedAfter.incrementAndGet();
                        } else {
                            before.incrementAndGet();
                            enough.countDown();
                        }
                    } catch (RefreshException e) {
                        reasons.merge(e.reason(), 1, Integer::sum);
                        if (afterRevoke) {
                            refusedAfter.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        boolean reached = enough.await(60, TimeUnit.SECONDS);
        victim.logout(current.refreshToken());
        revokedAt.set(System.nanoTime());
        stopAt.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millisAfterRevoke));
        for (Future<?> f : threads) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(reached)
                .as("the attacker got %s refreshes before the revoke (%s)", before.get(), reasons)
                .isTrue();

        assertThat(startedAfter.get())
                .as("refreshes that started after logout returned and still succeeded (refusals: %s)", reasons)
                .isZero();
        assertThat(refusedAfter.get())
                .as("the attackers kept trying after the revoke")
                .isPositive();
        assertThat(RefreshTokenServiceTest.reason(() -> victim.refresh(current.refreshToken(), DEVICE, null)))
                .isEqualTo("session_revoked");
        assertThat(RefreshTokenServiceTest.reason(() -> attackers.get(0).refresh(stolen, DEVICE, null)))
                .isEqualTo("session_revoked");
        List<String> accepted = new ArrayList<>();
        for (String token : accessTokens) {
            String r = RefreshTokenServiceTest.reason(() -> validator.validate(token));
            if (!r.equals("token_revoked")) {
                accepted.add(r);
            }
        }
        assertThat(accepted)
                .as("access tokens of the revoked family (%s issued) not refused as token_revoked", accessTokens.size())
                .isEmpty();
        RefreshFamily family = victim.store().find(current.familyId()).orElseThrow();
        assertThat(family.accessJtis().size())
                .as("live access tokens recorded for the family")
                .isLessThanOrEqualTo(victim.config().maxLiveAccessTokens());
        return new Outcome(before.get(), startedAfter.get(), refusedAfter.get());
    }
}
