package dev.vigil.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.Requirements;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access-token revocation check while a real redis-server cannot be read: two filter instances share it; a
 * session revoked before the outage must stay refused during it. With {@code on-store-failure=deny} (the default)
 * every token that needs the check gets 503 {@code store_unavailable}; with {@code allow} unrevoked tokens pass and
 * the instance that recorded a revocation still refuses it. A Redis that stalls ({@code DEBUG SLEEP}) answers
 * within the command timeout, not when Redis wakes up.
 */
class RevocationStoreOutageIT {
    static RedisProcess redis;
    static Path keyFile;

    CapturedLog log;
    List<String> warnings;

    @BeforeAll
    static void start() throws Exception {
        Requirements.tool("redis-server", "a real Redis for the shared stores (apt-get install redis-server)");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        redis = RedisProcess.start(port, List.of("--enable-debug-command", "yes"));
        keyFile = TestKeys.sessionKeyFile();
    }

    @AfterAll
    static void stop() throws Exception {
        if (redis != null) {
            redis.close();
            Files.deleteIfExists(keyFile);
        }
    }

    @BeforeEach
    void captureWarnings() {
        log = new CapturedLog(RefreshTokenService.class, Level.WARNING);
        warnings = log.messages;
    }

    @AfterEach
    void release() {
        log.close();
    }

    static JwtFilterConfig.Builder config(SimpleMeterRegistry registry) {
        return JwtFilterConfig.builder()
                .sessions(true)
                .audience("orders-api")
                .sessionKeyFile(keyFile)
                .store("redis")
                .redisUri(URI.create(redis.uri()))
                .meterRegistry(registry);
    }

    /** Two instances on one Redis; {@code a} is where the victim logs in and is revoked. */
    record Pair(RefreshTokenService a, RefreshTokenService b, JettyApp onA, JettyApp onB) implements AutoCloseable {
        static Pair start(JwtFilterConfig config) throws Exception {
            RefreshTokenService a = RefreshTokenService.create(config);
            RefreshTokenService b = RefreshTokenService.create(config);
            return new Pair(
                    a, b, new JettyApp(new JwtAuthFilter(config, a)), new JettyApp(new JwtAuthFilter(config, b)));
        }

        @Override
        public void close() throws Exception {
            onA.close();
            onB.close();
            a.close();
            b.close();
        }
    }

    static HttpResponse<String> call(JettyApp app, String token) throws Exception {
        return app.http.get("/orders", "Authorization", "Bearer " + token);
    }

    @Test
    void byDefaultARevokedSessionStaysRefusedAndEveryCheckedTokenGets503WhileRedisIsDown() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        JwtFilterConfig config = config(registry).build(); // no on-store-failure set: the default must deny
        try (Pair p = Pair.start(config)) {
            SessionTokens victim = p.a().login("victim", Set.of("orders:read"), RevocationRace.DEVICE, null);
            SessionTokens other = p.a().login("other", Set.of("orders:read"), RevocationRace.DEVICE, null);
            assertThat(call(p.onB(), victim.accessToken()).statusCode()).isEqualTo(200); // cached on b
            p.a().revokeFamily(victim.familyId());
            assertThat(call(p.onB(), victim.accessToken()).statusCode()).isEqualTo(401);
            redis.stop();
            try {
                HttpResponse<String> revokedOnA = call(p.onA(), victim.accessToken());
                HttpResponse<String> revokedOnB = call(p.onB(), victim.accessToken());
                HttpResponse<String> unrevokedOnB = call(p.onB(), other.accessToken());
                assertThat(revokedOnA.statusCode())
                        .as("the instance that recorded the revocation remembers it")
                        .isEqualTo(401);
                assertThat(revokedOnA.body()).contains("token_revoked");
                assertThat(revokedOnB.statusCode())
                        .as("a revoked session is never accepted again because Redis is down")
                        .isEqualTo(503);
                for (HttpResponse<String> r : List.of(revokedOnB, unrevokedOnB)) {
                    assertThat(r.statusCode()).isEqualTo(503);
                    assertThat(r.body()).contains("\"detail\":\"store_unavailable\"");
                    assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
                    assertThat(r.headers().firstValue("Content-Type"))
                            .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
                }
                assertThat(registry.get("vigil.jwt.validations")
                                .tag("result", "rejected")
                                .tag("reason", "store_unavailable")
                                .counter()
                                .count())
                        .isGreaterThanOrEqualTo(2);
                for (int i = 0; i < 5; i++) {
                    assertThat(call(p.onB(), other.accessToken()).statusCode()).isEqualTo(503);
                }
                List<String> outage = warnings.stream()
                        .filter(w -> w.contains("revocation cannot be checked"))
                        .toList();
                assertThat(outage)
                        .as("one warning per outage, not one per request")
                        .hasSize(1) // b's; a answered from its own record and never read the store
                        .allSatisfy(w -> assertThat(w)
                                .contains("refused with 503 store_unavailable")
                                .doesNotContain(victim.accessToken())
                                .doesNotContain(other.accessToken()));
            } finally {
                redis.launch();
            }
            RevocationRaceIT.awaitReconnected(p.b());
            assertThat(call(p.onB(), other.accessToken()).statusCode()).isEqualTo(200);
            assertThat(call(p.onB(), victim.accessToken()).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void allowAcceptsUnrevokedTokensButTheRevokingInstanceStillRefusesItsRevocations() throws Exception {
        JwtFilterConfig config = config(new SimpleMeterRegistry())
                .revocationOnStoreFailure("allow")
                .build();
        try (Pair p = Pair.start(config)) {
            SessionTokens victim = p.a().login("victim", Set.of("orders:read"), RevocationRace.DEVICE, null);
            SessionTokens other = p.a().login("other", Set.of("orders:read"), RevocationRace.DEVICE, null);
            SessionTokens third = p.a().login("third", Set.of("orders:read"), RevocationRace.DEVICE, null);
            String thirdJti = p.a().store()
                    .find(third.familyId())
                    .orElseThrow()
                    .accessJtis()
                    .keySet()
                    .iterator()
                    .next();
            p.a().revokeFamily(victim.familyId());
            p.a().revokeAccessToken(thirdJti, java.time.Instant.now().plusSeconds(900));
            redis.stop();
            try {
                assertThat(call(p.onA(), victim.accessToken()).statusCode()).isEqualTo(401);
                assertThat(call(p.onA(), third.accessToken()).statusCode())
                        .as("a jti revoked on this instance")
                        .isEqualTo(401);
                assertThat(call(p.onA(), other.accessToken()).statusCode()).isEqualTo(200);
                assertThat(call(p.onB(), other.accessToken()).statusCode()).isEqualTo(200);
                assertThat(call(p.onB(), victim.accessToken()).statusCode())
                        .as("the documented price of allow: another instance's revocation is not seen")
                        .isEqualTo(200);
                assertThat(warnings)
                        .anySatisfy(w -> assertThat(w).contains("ACCEPTED unless revoked on this instance"));
            } finally {
                redis.launch();
            }
            RevocationRaceIT.awaitReconnected(p.b());
            assertThat(call(p.onB(), victim.accessToken()).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aStalledRedisCostsARequestAtMostTheCommandTimeout() throws Exception {
        JwtFilterConfig config = config(new SimpleMeterRegistry()).build();
        try (Pair p = Pair.start(config)) {
            SessionTokens user = p.a().login("user", Set.of("orders:read"), RevocationRace.DEVICE, null);
            assertThat(call(p.onA(), user.accessToken()).statusCode()).isEqualTo(200);
            Process sleep = new ProcessBuilder(
                            Requirements.tool("redis-cli", "redis-cli (apt-get install redis-tools)")
                                    .toString(),
                            "-p",
                            Integer.toString(redis.port),
                            "DEBUG",
                            "SLEEP",
                            "6")
                    .redirectErrorStream(true)
                    .start();
            Thread.sleep(300); // let the sleep reach Redis
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<long[]>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    calls.add(pool.submit(() -> {
                        long t0 = System.nanoTime();
                        int status = call(p.onA(), user.accessToken()).statusCode();
                        return new long[] {status, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)};
                    }));
                }
                for (Future<long[]> f : calls) {
                    long[] r = f.get(30, TimeUnit.SECONDS);
                    assertThat(r[0]).isEqualTo(503);
                    assertThat(r[1])
                            .as("a request waits for one 1 s command timeout, not for Redis' 6 s sleep")
                            .isLessThan(3_500);
                }
            } finally {
                pool.shutdownNow();
                sleep.waitFor(20, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int status;
            do {
                status = call(p.onA(), user.accessToken()).statusCode();
            } while (status != 200 && System.nanoTime() < deadline);
            assertThat(status).as("accepted again once Redis answers").isEqualTo(200);
        }
    }
}
