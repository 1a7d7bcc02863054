package dev.vigil.jwt;

import static dev.vigil.jwt.DpopIT.proof;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import dev.vigil.testsupport.Requirements;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two filter instances behind one public URL (Jetty trusting {@code Forwarded}, as behind a load balancer), sharing
 * sessions in one real redis-server: a DPoP proof used on one instance is refused as a replay on the other, on the
 * resource path and on refresh (issue 12, defect 9).
 */
class DpopSharedReplayIT {
    static final String PUBLIC = "https://api.example.test";
    static final String FORWARDED = "proto=https;host=api.example.test";
    static RedisProcess redis;
    static Path keyFile;
    static JettyApp a;
    static JettyApp b;

    @BeforeAll
    static void start() throws Exception {
        Requirements.tool("redis-server", "a real Redis for the shared stores (apt-get install redis-server)");
        redis = RedisProcess.start();
        keyFile = Files.createTempFile("session-key", ".jwk");
        Files.writeString(keyFile, TestKeys.rsa("session-1", 2048).toJSONString());
        a = new JettyApp(new JwtAuthFilter(config()), true);
        b = new JettyApp(new JwtAuthFilter(config()), true);
    }

    static JwtFilterConfig config() {
        return JwtFilterConfig.builder()
                .sessions(true)
                .audience("orders-api")
                .sessionKeyFile(keyFile)
                .store("redis")
                .redisUri(URI.create(redis.uri()))
                .pathRule(PathRule.permit("/auth/login"))
                .meterRegistry(new SimpleMeterRegistry())
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        for (JettyApp app : new JettyApp[] {a, b}) {
            if (app != null) {
                app.close();
            }
        }
        if (redis != null) {
            redis.close();
            Files.deleteIfExists(keyFile);
        }
    }

    static HttpResponse<String> me(HttpCalls via, String token, String dpopProof) throws Exception {
        return via.get("/api/me", "Forwarded", FORWARDED, "Authorization", "DPoP " + token, "DPoP", dpopProof);
    }

    static HttpResponse<String> refresh(HttpCalls via, String dpopProof) throws Exception {
        return via.post("/auth/refresh", "", "Forwarded", FORWARDED, "Origin", PUBLIC, "DPoP", dpopProof);
    }

    @Test
    void aProofUsedOnOneInstanceIsRefusedOnTheOther() throws Exception {
        ECKey key = TestKeys.ec("client");
        HttpCalls onA = new HttpCalls(a.http.origin());
        HttpCalls onB = new HttpCalls(b.http.origin());
        onB.cookies.putAll(onA.cookies);
        HttpResponse<String> login = onA.post(
                "/auth/login",
                "user=alice",
                "Forwarded",
                FORWARDED,
                "Origin",
                PUBLIC,
                "DPoP",
                proof(key, "POST", PUBLIC + "/auth/login", null));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String token = HttpCalls.accessToken(login);

        String used = proof(key, "GET", PUBLIC + "/api/me", token);
        assertThat(me(onA, token, used).statusCode()).isEqualTo(200);
        HttpResponse<String> replayOnB = me(onB, token, used);
        assertThat(replayOnB.statusCode()).isEqualTo(401);
        assertThat(replayOnB.headers().firstValue("WWW-Authenticate").orElse(""))
                .contains("dpop_proof_invalid");
        assertThat(me(onB, token, proof(key, "GET", PUBLIC + "/api/me", token)).statusCode())
                .as("a fresh proof works on the other instance")
                .isEqualTo(200);

        String refreshProof = proof(key, "POST", PUBLIC + "/auth/refresh", null);
        HttpResponse<String> refreshed = refresh(onA, refreshProof);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        onB.cookies.putAll(onA.cookies);
        HttpResponse<String> refreshReplayOnB = refresh(onB, refreshProof);
        assertThat(refreshReplayOnB.statusCode()).isEqualTo(401);
        assertThat(refreshReplayOnB.body()).contains("dpop_proof_invalid");
        assertThat(onB.cookies).as("a refused proof keeps the cookie").containsKey("__Host-vigil-rt");
        assertThat(refresh(onB, proof(key, "POST", PUBLIC + "/auth/refresh", null))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theSharedRecordIsBoundedPerKeyAndNeverByOtherKeys() throws Exception {
        try (RedisSessionStore store =
                RedisSessionStore.connect(URI.create(redis.uri()), java.time.Clock.systemUTC())) {
            java.time.Instant until = java.time.Instant.now().plusSeconds(60);
            assertThat(store.recordProof("key-1", "jti-1", until, 3)).isTrue();
            assertThat(store.recordProof("key-1", "jti-1", until, 3))
                    .as("replay")
                    .isFalse();
            assertThat(store.recordProof("key-1", "jti-2", until, 3)).isTrue();
            assertThat(store.recordProof("key-1", "jti-3", until, 3)).isTrue();
            assertThat(store.recordProof("key-1", "jti-4", until, 3))
                    .as("key-1 used its allowance")
                    .isFalse();
            assertThat(store.recordProof("key-2", "jti-4", until, 3))
                    .as("another key is not affected")
                    .isTrue();
            java.time.Instant past = java.time.Instant.now().minusSeconds(1);
            assertThat(store.recordProof("key-3", "jti-1", past, 1)).isTrue();
            Thread.sleep(20); // it was kept for 1 ms
            assertThat(store.recordProof("key-3", "jti-2", until, 1))
                    .as("expired proofs free the allowance")
                    .isTrue();
        }
    }
}
