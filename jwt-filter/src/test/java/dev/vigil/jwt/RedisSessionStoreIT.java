package dev.vigil.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.testsupport.Requirements;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis store against a real redis-server started here: shared families, CAS, restarts, outages. */
class RedisSessionStoreIT {
    static final String DEVICE = "device:d\nua";
    static RedisProcess redis;
    static Path keyFile;

    @BeforeAll
    static void start() throws Exception {
        Requirements.tool("redis-server", "a real Redis for the shared stores (apt-get install redis-server)");
        redis = RedisProcess.start();
        keyFile = Files.createTempFile("session-key", ".jwk");
        Files.writeString(keyFile, TestKeys.rsa("session-1", 2048).toJSONString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (redis != null) {
            redis.close();
            Files.deleteIfExists(keyFile);
        }
    }

    /** One application instance: its own service and validator, sharing Redis and the signing key. */
    record Instance(RefreshTokenService sessions, JwtValidator validator) implements AutoCloseable {
        static Instance start() {
            JwtFilterConfig config = JwtFilterConfig.builder()
                    .sessions(true)
                    .audience("orders-api")
                    .sessionKeyFile(keyFile)
                    .store("redis")
                    .redisUri(URI.create(redis.uri()))
                    .cache(false, 16)
                    .meterRegistry(new SimpleMeterRegistry())
                    .build();
            RefreshTokenService s = RefreshTokenService.create(config);
            JwtValidator v = JwtValidator.withSessionIssuer(
                    config,
                    s.issuer(),
                    s.publicKeys(),
                    s.algorithms(),
                    s::isRevoked,
                    new dev.vigil.jwt.internal.JwtMetrics(new SimpleMeterRegistry()));
            return new Instance(s, v);
        }

        @Override
        public void close() {
            validator.close();
            sessions.close();
        }
    }

    static String reason(RefreshTokenServiceTest.ThrowingCall call) {
        return RefreshTokenServiceTest.reason(call);
    }

    @Test
    void instancesShareFamiliesAndReuseOnOneRevokesOnAll() throws Exception {
        try (Instance a = Instance.start();
                Instance b = Instance.start()) {
            SessionTokens login = a.sessions().login("alice", Set.of("orders:read"), DEVICE, null);
            SessionTokens rotated = b.sessions().refresh(login.refreshToken(), DEVICE, null);
            assertThat(b.validator().validate(rotated.accessToken()).getName()).isEqualTo("alice");
            SessionTokens again = a.sessions().refresh(rotated.refreshToken(), DEVICE, null);
            assertThat(reason(() -> b.sessions().refresh(login.refreshToken(), DEVICE, null)))
                    .isEqualTo("refresh_token_reused");
            assertThat(reason(() -> a.sessions().refresh(again.refreshToken(), DEVICE, null)))
                    .isEqualTo("session_revoked");
            assertThat(reason(() -> a.validator().validate(again.accessToken())))
                    .isEqualTo("token_revoked");
        }
    }

    @Test
    void concurrentRefreshesOfOneTokenRotateExactlyOnce() throws Exception {
        try (Instance a = Instance.start();
                Instance b = Instance.start()) {
            SessionTokens login = a.sessions().login("bob", Set.of(), DEVICE, null);
            int n = 12;
            ExecutorService pool = Executors.newFixedThreadPool(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SessionTokens>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                RefreshTokenService s = (i % 2 == 0 ? a : b).sessions();
                futures.add(pool.submit(() -> {
                    go.await();
                    return s.refresh(login.refreshToken(), DEVICE, null);
                }));
            }
            go.countDown();
            List<SessionTokens> results = new ArrayList<>();
            for (Future<SessionTokens> f : futures) {
                results.add(f.get());
            }
            pool.shutdown();
            assertThat(results).filteredOn(t -> t.refreshToken() != null).hasSize(1);
        }
    }

    @Test
    void familiesSurviveARedisRestart() throws Exception {
        SessionTokens login;
        try (Instance a = Instance.start()) {
            login = a.sessions().login("carol", Set.of(), DEVICE, null);
        }
        redis.stop();
        redis.launch();
        try (Instance b = Instance.start()) {
            assertThat(b.sessions().refresh(login.refreshToken(), DEVICE, null).refreshToken())
                    .isNotNull();
        }
    }

    @Test
    void redisDownRefreshAnswers503AndAccessTokensFailClosed() throws Exception {
        try (Instance a = Instance.start()) {
            SessionTokens login = a.sessions().login("dave", Set.of(), DEVICE, null);
            redis.stop();
            try {
                RefreshException e = null;
                try {
                    a.sessions().refresh(login.refreshToken(), DEVICE, null);
                } catch (RefreshException ex) {
                    e = ex;
                }
                assertThat(e).isNotNull();
                assertThat(e.reason()).isEqualTo("store_unavailable");
                assertThat(e.status()).isEqualTo(503);
                // the token carries a jti and a sid: whether it is revoked cannot be known, so it is refused
                assertThatThrownBy(() -> a.validator().validate(login.accessToken()))
                        .isInstanceOfSatisfying(TokenRejectedException.class, r -> {
                            assertThat(r.reason()).isEqualTo("store_unavailable");
                            assertThat(r.status()).isEqualTo(503);
                        });
            } finally {
                redis.launch();
            }
            assertThat(a.sessions().refresh(login.refreshToken(), DEVICE, null).refreshToken())
                    .isNotNull();
            assertThat(a.validator().validate(login.accessToken()).getName()).isEqualTo("dave");
        }
    }
}
