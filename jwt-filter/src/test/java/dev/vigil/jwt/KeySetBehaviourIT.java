package dev.vigil.jwt;

import static dev.vigil.jwt.TestKeys.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Key sets served by a real local HTTP server: caching with Cache-Control, refresh ahead, outage with last-good
 * keys up to max-stale then 503, unknown-kid refetch rate limit, and header URLs that must never be fetched.
 */
class KeySetBehaviourIT {
    private static final String ISSUER = "https://keys.example.test";
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger attackerRequests = new AtomicInteger();
    private final AtomicReference<String> jwks = new AtomicReference<>();
    private final AtomicReference<String> cacheControl = new AtomicReference<>("max-age=600");
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final MutableClock clock = new MutableClock(Instant.parse("2027-01-01T00:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private HttpServer server;
    private JwtValidator validator;

    @BeforeEach
    void start() throws Exception {
        jwks.set(TestKeys.publicSet(TestKeys.RSA).toString());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", ex -> {
            jwksRequests.incrementAndGet();
            byte[] body = jwks.get().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Cache-Control", cacheControl.get());
            ex.sendResponseHeaders(status.get(), status.get() == 200 ? body.length : -1);
            if (status.get() == 200) {
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.createContext("/attacker", ex -> {
            attackerRequests.incrementAndGet();
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
        validator = JwtValidator.create(JwtFilterConfig.builder()
                .acceptAnyAudience(true)
                .trust(TrustedIssuer.jwksUri(ISSUER, uri))
                .jwksTtl(Duration.ofMinutes(10))
                .jwksTtlBounds(Duration.ofMinutes(1), Duration.ofHours(1))
                .jwksMaxStale(Duration.ofHours(1))
                .jwksUnknownKidInterval(Duration.ofSeconds(1))
                .jwksNegativeKidTtl(Duration.ofMinutes(5))
                .jwksRetryAfter(Duration.ofSeconds(10))
                .jwksTimeout(Duration.ofSeconds(2))
                .clock(clock)
                .meterRegistry(meters)
                .build());
    }

    @AfterEach
    void stop() {
        validator.close();
        server.stop(0);
    }

    private String token(String kid, Object key) {
        long now = clock.millis() / 1000;
        return TestKeys.sign(
                map("alg", "RS256", "kid", kid),
                map("iss", ISSUER, "sub", "alice", "iat", now, "exp", now + 20000, "jti", "j" + System.nanoTime()),
                key);
    }

    private String reason(String token) {
        try {
            validator.validate(token);
            return "accepted";
        } catch (TokenRejectedException e) {
            return e.reason();
        }
    }

    /** Waits until n fetches reached the server and were fully processed by the validator. */
    private void awaitRequests(int n) throws InterruptedException {
        for (int i = 0; i < 400 && (jwksRequests.get() < n || fetchesDone() < n); i++) {
            Thread.sleep(25);
        }
        assertThat(jwksRequests.get()).isEqualTo(n);
        assertThat(fetchesDone()).isEqualTo(n);
    }

    private double fetchesDone() {
        return meters.find("vigil.jwt.keyset.fetches").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private double meter(String name, String... tags) {
        return meters.get(name).tags(tags).counter().count();
    }

    @Test
    void keysAreCachedAndTheVerifiedTokenCacheIsHit() throws Exception {
        String t = token("rsa-1", TestKeys.RSA);
        for (int i = 0; i < 5; i++) {
            assertThat(validator.validate(t).getName()).isEqualTo("alice");
        }
        assertThat(jwksRequests.get()).isEqualTo(1);
        assertThat(meter("vigil.jwt.cache", "result", "hit")).isEqualTo(4);
        assertThat(meter("vigil.jwt.cache", "result", "miss")).isEqualTo(1);
        assertThat(meter("vigil.jwt.validations", "result", "accepted", "reason", "none"))
                .isEqualTo(5);
        assertThat(meters.get("vigil.jwt.validation.latency").timer().count()).isEqualTo(5);
    }

    @Test
    void keysAreRefreshedAheadOfExpiryOffTheRequestThread() throws Exception {
        String t = token("rsa-1", TestKeys.RSA);
        validator.validate(t);
        clock.advance(Duration.ofSeconds(500)); // max-age 600: refresh-ahead starts at 480 s
        assertThat(validator.validate(t).getName()).isEqualTo("alice");
        awaitRequests(2);
    }

    @Test
    void outageServesLastGoodKeysUpToMaxStaleThen503() throws Exception {
        String t = token("rsa-1", TestKeys.RSA);
        validator.validate(t);
        status.set(500);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1)); // expired, inside max-stale (1 h)
        assertThat(reason(t)).isEqualTo("accepted");
        awaitRequests(2); // a background refresh was tried and failed
        assertThat(meter("vigil.jwt.keyset.fetches", "issuer", ISSUER, "result", "failed"))
                .isEqualTo(1);
        clock.advance(Duration.ofHours(1)); // beyond max-stale
        assertThatThrownBy(() -> validator.validate(t)).isInstanceOfSatisfying(TokenRejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo("keys_unavailable");
            assertThat(e.status()).isEqualTo(503);
        });
        int afterFailure = jwksRequests.get();
        assertThat(reason(t)).isEqualTo("keys_unavailable"); // within retry-after: the IdP is not hammered
        assertThat(jwksRequests.get()).isEqualTo(afterFailure);
        status.set(200);
        clock.advance(Duration.ofSeconds(11));
        assertThat(reason(t)).isEqualTo("accepted");
    }

    @Test
    void aJunkKidCostsOneFetchAndNeverLocksOutARealRotation() throws Exception {
        validator.validate(token("rsa-1", TestKeys.RSA));
        var attacker = TestKeys.rsa("x", 2048);
        for (int i = 0; i < 50; i++) {
            assertThat(reason(token("junk", attacker))).isEqualTo("unknown_key_id");
        }
        assertThat(jwksRequests.get()).isEqualTo(2); // the start-up fetch and one refetch: then cached as absent
        // the IdP rotates right after the junk: the new key is accepted on its first token, one fetch later
        // (today: refused with unknown_key_id for the whole 30 s unknown-kid interval)
        var added = TestKeys.rsa("rsa-2", 2048);
        jwks.set(TestKeys.publicSet(TestKeys.RSA, added).toString());
        assertThat(reason(token("rsa-2", added))).isEqualTo("accepted");
        assertThat(jwksRequests.get()).isEqualTo(3);
        assertThat(reason(token("junk", attacker))).isEqualTo("unknown_key_id");
        assertThat(reason(token("rsa-2", added))).isEqualTo("accepted");
        assertThat(jwksRequests.get()).isEqualTo(3);
        // a kid confirmed absent is refused without fetching until the negative TTL (5 min) ends
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(reason(token("junk", attacker))).isEqualTo("unknown_key_id");
        assertThat(jwksRequests.get()).isEqualTo(4);
    }

    @Test
    void removedKeyStopsCachedTokensAsSoonAsTheSetChanges() throws Exception {
        String t = token("rsa-1", TestKeys.RSA);
        validator.validate(t);
        jwks.set(TestKeys.publicSet(TestKeys.rsa("rsa-9", 2048)).toString());
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        reason(t); // triggers the refresh in the background
        awaitRequests(2);
        for (int i = 0; i < 100 && reason(t).equals("accepted"); i++) {
            Thread.sleep(20);
        }
        assertThat(reason(t)).isEqualTo("unknown_key_id");
    }

    @Test
    void cacheControlIsHonouredWithinBounds() throws Exception {
        cacheControl.set("max-age=5"); // below min-ttl (1 min): clamped
        validator.validate(token("rsa-1", TestKeys.RSA));
        clock.advance(Duration.ofSeconds(30));
        validator.validate(token("rsa-1", TestKeys.RSA));
        assertThat(jwksRequests.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(60));
        validator.validate(token("rsa-1", TestKeys.RSA));
        awaitRequests(2);
    }

    @Test
    void headerKeyUrlsAreNeverFetched() throws Exception {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/attacker";
        var attacker = TestKeys.rsa("evil", 2048);
        long now = clock.millis() / 1000;
        var claims = map("iss", ISSUER, "sub", "alice", "iat", now, "exp", now + 60);
        for (String header : List.of("jku", "x5u")) {
            String t = TestKeys.sign(map("alg", "RS256", "kid", "evil", header, base), claims, attacker);
            assertThat(reason(t)).isEqualTo("embedded_key_not_trusted");
        }
        assertThat(attackerRequests.get()).isZero();
    }
}
