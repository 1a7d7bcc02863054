package dev.vigil.jwt;

import static dev.vigil.jwt.TestKeys.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real local IdP that stalls, fails and recovers: a fetch ends at its deadline, failures are retried no sooner
 * than retry-after, and the keys refresh again once the IdP answers.
 */
class KeyFetchFailuresIT {
    private static final String ISSUER = "https://outage.example.test";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final MutableClock clock = new MutableClock(Instant.parse("2027-01-01T00:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private JwksServer idp;
    private JwtValidator validator;

    private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
    private final Logger keysLogger = Logger.getLogger("dev.vigil.jwt.internal.IssuerKeys");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logs.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void start() throws Exception {
        keysLogger.addHandler(capture);
        idp = new JwksServer(TestKeys.publicSet(TestKeys.RSA).toString());
        validator = validator(Duration.ofSeconds(10), TIMEOUT);
    }

    private JwtValidator validator(Duration retryAfter, Duration timeout) {
        return JwtValidator.create(JwtFilterConfig.builder()
                .trust(TrustedIssuer.jwksUri(ISSUER, idp.uri()))
                .acceptAnyAudience(true)
                .jwksTtl(Duration.ofMinutes(10))
                .jwksTtlBounds(Duration.ofMinutes(1), Duration.ofHours(1))
                .jwksMaxStale(Duration.ofHours(1))
                .jwksUnknownKidInterval(Duration.ofSeconds(1))
                .jwksNegativeKidTtl(Duration.ofMinutes(5))
                .jwksRetryAfter(retryAfter)
                .jwksTimeout(timeout)
                .clock(clock)
                .meterRegistry(meters)
                .build());
    }

    @AfterEach
    void stop() {
        keysLogger.removeHandler(capture);
        validator.close();
        idp.close();
    }

    private List<String> logged(Level level) {
        return logs.stream()
                .filter(r -> r.getLevel() == level)
                .map(r -> new SimpleFormatter().formatMessage(r))
                .toList();
    }

    private String token() {
        long now = clock.millis() / 1000;
        return TestKeys.sign(
                map("alg", "RS256", "kid", "rsa-1"),
                map("iss", ISSUER, "sub", "alice", "iat", now, "exp", now + 20000, "jti", "j" + System.nanoTime()),
                TestKeys.RSA);
    }

    private String reason(String token) {
        try {
            validator.validate(token);
            return "accepted";
        } catch (TokenRejectedException e) {
            return e.reason();
        }
    }

    private double fetches(String result) {
        var c = meters.find("vigil.jwt.keyset.fetches").tags("result", result).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aStalledBodyEndsAtTheDeadlineCountsAsAFailureAndKeysRefreshAfterRecovery() throws Exception {
        assertThat(reason(token())).isEqualTo("accepted");
        idp.mode(JwksServer.Mode.STALL_MID_BODY);
        clock.advance(Duration.ofMinutes(70).plusSeconds(1)); // past ttl + max-stale: a request must wait for keys
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<long[]>> waits = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                waits.add(callers.submit(() -> {
                    long start = System.nanoTime();
                    String r = reason(token());
                    return new long[] {r.equals("keys_unavailable") ? 1 : 0, System.nanoTime() - start};
                }));
            }
            for (Future<long[]> w : waits) {
                long[] outcome = w.get();
                assertThat(outcome[0]).as("refused with keys_unavailable").isEqualTo(1);
                // one deadline (2 s) and a margin for a loaded machine; today's code waited 3 deadlines
                assertThat(Duration.ofNanos(outcome[1])).isLessThan(Duration.ofMillis(4500));
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(fetches("failed")).isEqualTo(1); // the stalled fetch was counted, and only one was made
        assertThat(idp.requests()).isEqualTo(2);
        idp.mode(JwksServer.Mode.OK);
        clock.advance(Duration.ofSeconds(11)); // past retry-after
        assertThat(reason(token())).isEqualTo("accepted"); // the stalled fetch no longer holds the slot
        assertThat(fetches("ok")).isEqualTo(2);
    }

    @Test
    void anOutageCausesABoundedNumberOfFetchesOneWarningNamingItsCauseAndOneInfoOnRecovery() throws Exception {
        validator.close();
        validator = validator(Duration.ofSeconds(1), Duration.ofSeconds(5));
        String t = token();
        assertThat(reason(t)).isEqualTo("accepted");
        idp.mode(JwksServer.Mode.FAIL);
        int before = idp.requests();
        // 3 s of outage in both clocks: first inside the refresh-ahead window, then past expiry (last-good keys)
        clock.advance(Duration.ofSeconds(500));
        long start = System.nanoTime();
        long last = start;
        boolean expired = false;
        int validations = 0;
        while (System.nanoTime() - start < 3_000_000_000L) {
            if (!expired && System.nanoTime() - start > 1_500_000_000L) {
                clock.advance(Duration.ofSeconds(100)); // expired: serving the last good keys (max-stale 1 h)
                expired = true;
            }
            assertThat(reason(t)).isEqualTo("accepted"); // a cache hit still asks the key set for its revision
            validations++;
            Thread.sleep(5);
            long now = System.nanoTime();
            clock.advance(Duration.ofNanos(now - last));
            last = now;
        }
        assertThat(validations).isGreaterThan(20);
        int duringOutage = idp.requests() - before;
        // retry-after 1 s over 3 s of policy time: at most 4 tries, and at least one (today: one per validation)
        assertThat(duringOutage).isBetween(1, 4);
        List<String> warnings = logged(Level.WARNING);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0))
                .startsWith("vigil-jwt: key fetch failed for issuer " + ISSUER + " (jwks-uri " + idp.uri() + "): GET "
                        + idp.uri() + " answered HTTP 503; serving the last good keys")
                .doesNotContain("null");
        idp.mode(JwksServer.Mode.OK);
        clock.advance(Duration.ofSeconds(2)); // past retry-after: the next validation refreshes in the background
        assertThat(reason(token())).isEqualTo("accepted");
        for (int i = 0; i < 200 && logged(Level.INFO).isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(logged(Level.INFO))
                .singleElement()
                .asString()
                .startsWith(
                        "vigil-jwt: keys of issuer " + ISSUER + " (jwks-uri " + idp.uri() + ") fetched again after ");
        for (int i = 0; i < 20; i++) {
            assertThat(reason(token())).isEqualTo("accepted");
        }
        assertThat(logged(Level.WARNING)).hasSize(1);
        assertThat(logged(Level.INFO)).hasSize(1);
    }
}
