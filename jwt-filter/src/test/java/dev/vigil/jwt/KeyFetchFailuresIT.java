package dev.vigil.jwt;

import static dev.vigil.jwt.TestKeys.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real local IdP that stalls, fails and recovers: a fetch ends at its deadline, failures are retried no sooner
 * than retry-after, and the keys refresh again once the IdP answers.
 */
class KeyFetchFailuresIT {
    private static final String ISSUER = "https://outage.example.test";
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private final MutableClock clock = new MutableClock(Instant.parse("2027-01-01T00:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private JwksServer idp;
    private JwtValidator validator;

    @BeforeEach
    void start() throws Exception {
        idp = new JwksServer(TestKeys.publicSet(TestKeys.RSA).toString());
        validator = JwtValidator.create(JwtFilterConfig.builder()
                .trust(TrustedIssuer.jwksUri(ISSUER, idp.uri()))
                .keySets(
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(1),
                        Duration.ofHours(1),
                        Duration.ofHours(1),
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(10),
                        TIMEOUT)
                .clock(clock)
                .meterRegistry(meters)
                .build());
    }

    @AfterEach
    void stop() {
        validator.close();
        idp.close();
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
                // one deadline (1 s) and a margin for a loaded machine; today's code waited 3 deadlines
                assertThat(Duration.ofNanos(outcome[1])).isLessThan(Duration.ofMillis(2500));
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
}
