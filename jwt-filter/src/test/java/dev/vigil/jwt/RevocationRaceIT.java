package dev.vigil.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.testsupport.Requirements;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Revocation against a real redis-server shared by two instances: {@link RevocationRace} (a stolen cookie refreshed
 * from both instances while the victim logs out on one), and a revoke that cannot be recorded fails loudly.
 */
class RevocationRaceIT {
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

    static JwtFilterConfig config() {
        return JwtFilterConfig.builder()
                .sessions(true)
                .audience("orders-api")
                .sessionKeyFile(keyFile)
                .store("redis")
                .redisUri(URI.create(redis.uri()))
                .reuseGrace(Duration.ofMinutes(5))
                .cache(false, 16)
                .meterRegistry(new SimpleMeterRegistry())
                .build();
    }

    static JwtValidator validator(JwtFilterConfig config, RefreshTokenService s) {
        return JwtValidator.withSessionIssuer(
                config,
                s.issuer(),
                s.publicKeys(),
                s.algorithms(),
                s::isRevoked,
                new dev.vigil.jwt.internal.JwtMetrics(new SimpleMeterRegistry()));
    }

    @Test
    void logoutOnOneInstanceWinsAgainstRefreshersOnBoth() throws Exception {
        JwtFilterConfig config = config();
        try (RefreshTokenService a = RefreshTokenService.create(config);
                RefreshTokenService b = RefreshTokenService.create(config);
                JwtValidator onA = validator(config, a)) {
            RevocationRace.Outcome o = RevocationRace.run(List.of(a, b), b, onA, 300, 300);
            assertThat(o.successesBeforeRevoke()).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void aRevokeThatCannotBeRecordedIsAnErrorNeverASuccess() throws Exception {
        JwtFilterConfig config = config();
        CapturedLog log = new CapturedLog(RefreshTokenService.class, Level.SEVERE);
        List<String> errors = log.messages;
        try (RefreshTokenService a = RefreshTokenService.create(config);
                JettyApp app = new JettyApp(new JwtAuthFilter(config, a))) {
            SessionTokens t = a.login("erin", Set.of(), RevocationRace.DEVICE, null);
            HttpCalls browser = new HttpCalls(app.http.origin());
            browser.cookies.put("__Host-vigil-rt", t.refreshToken());
            redis.stop();
            try {
                assertThatThrownBy(() -> a.revokeFamily(t.familyId())).isInstanceOf(StoreUnavailableException.class);
                assertThat(RefreshTokenServiceTest.reason(() -> a.logout(t.refreshToken())))
                        .isEqualTo("store_unavailable");
                HttpResponse<String> logout = browser.post("/auth/logout", "", "Origin", browser.origin());
                assertThat(logout.statusCode()).isEqualTo(503);
                assertThat(logout.body()).contains("store_unavailable");
                assertThat(logout.headers().firstValue("Retry-After")).isPresent();
                assertThat(browser.cookies)
                        .as("the cookie of a session still alive is kept")
                        .containsKey("__Host-vigil-rt");
                assertThat(errors)
                        .isNotEmpty()
                        .allSatisfy(e -> assertThat(e)
                                .contains("revocation of family " + t.familyId() + " could not be recorded")
                                .contains("NOT revoked"));
            } finally {
                redis.launch();
                log.close();
            }
            awaitReconnected(a);
            a.logout(t.refreshToken());
            assertThat(RefreshTokenServiceTest.reason(() -> a.refresh(t.refreshToken(), RevocationRace.DEVICE, null)))
                    .isEqualTo("session_revoked");
        }
    }

    /** Lettuce reconnects in the background after a restart; until then commands fail fast. */
    static void awaitReconnected(RefreshTokenService s) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                s.store().find("probe");
                return;
            } catch (StoreUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
