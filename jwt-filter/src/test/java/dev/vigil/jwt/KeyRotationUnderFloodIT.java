package dev.vigil.jwt;

import static dev.vigil.jwt.TestKeys.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Adversarial: unauthenticated clients flood the filter with tokens naming the trusted issuer and random kids
 * while the IdP rotates its key. The flood must cost the IdP a paced number of JWKS requests (one per
 * unknown-kid interval, not one per token), and the rotated key must be accepted on its first token.
 */
class KeyRotationUnderFloodIT {
    private static final String ISSUER = "https://flood.example.test";
    private static final Duration INTERVAL = Duration.ofSeconds(1); // the default unknown-kid interval

    @Test
    void aFloodOfRandomKidsCostsPacedFetchesAndARotationInTheMiddleIsAcceptedFirstTime() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2027-01-01T00:00:00Z"));
        var rotated = TestKeys.rsa("rsa-2", 2048);
        try (JwksServer idp = new JwksServer(TestKeys.publicSet(TestKeys.RSA).toString());
                JwtValidator validator = JwtValidator.create(JwtFilterConfig.builder()
                        .trust(TrustedIssuer.jwksUri(ISSUER, idp.uri()))
                        .acceptAnyAudience(true)
                        .jwksTtl(Duration.ofMinutes(10))
                        .jwksTtlBounds(Duration.ofMinutes(1), Duration.ofHours(1))
                        .jwksMaxStale(Duration.ofHours(1))
                        .jwksUnknownKidInterval(INTERVAL)
                        .jwksNegativeKidTtl(Duration.ofMinutes(5))
                        .jwksRetryAfter(Duration.ofSeconds(10))
                        .jwksTimeout(Duration.ofSeconds(5))
                        .clock(clock)
                        .build())) {
            idp.delay(20); // a JWKS round trip of at least 20 ms
            long now = clock.millis() / 1000;
            Map<String, Object> claims = map("iss", ISSUER, "sub", "alice", "iat", now, "exp", now + 600);
            validator.validate(TestKeys.sign(map("alg", "RS256", "kid", "rsa-1"), claims, TestKeys.RSA));
            String anySignature = TestKeys.sign(map("alg", "RS256", "kid", "x"), claims, TestKeys.RSA)
                    .split("\\.")[2];
            String payload = TestKeys.b64(TestKeys.json(claims));

            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger junk = new AtomicInteger();
            Map<String, Integer> answers = new ConcurrentHashMap<>();
            ExecutorService attackers = Executors.newFixedThreadPool(6);
            List<Future<?>> running = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < 6; t++) {
                running.add(attackers.submit(() -> {
                    while (!stop.get()) {
                        String header = TestKeys.b64(TestKeys.json(map("alg", "RS256", "kid", UUID.randomUUID())));
                        String answer;
                        try {
                            validator.validate(header + "." + payload + "." + anySignature);
                            answer = "accepted";
                        } catch (TokenRejectedException e) {
                            answer = e.reason();
                        }
                        answers.merge(answer, 1, Integer::sum);
                        junk.incrementAndGet();
                    }
                    return null;
                }));
            }
            Thread.sleep(1500);
            idp.jwks(TestKeys.publicSet(TestKeys.RSA, rotated).toString()); // the rotation, mid-flood
            String legitimate = TestKeys.sign(map("alg", "RS256", "kid", "rsa-2"), claims, rotated);
            assertThat(validator.validate(legitimate).getName()).isEqualTo("alice"); // first try, no retry
            Thread.sleep(1000);
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            attackers.shutdown();
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(answers).containsOnlyKeys("unknown_key_id");
            // each junk token waits for the next paced refetch (at most 16 wait per issuer, the rest are refused at
            // once), so six attackers get a few answers per second each
            assertThat(junk.get()).isGreaterThan(10);
            // start-up fetch + at most one paced refetch per interval (+1 for the edges); today's code made one
            // per interval of the *policy* clock, which here never moves: it never saw the rotation at all
            int paced = (int) Math.ceil(seconds / INTERVAL.toMillis() * 1000);
            assertThat(idp.requests()).isBetween(2, 2 + paced);
        }
    }
}
