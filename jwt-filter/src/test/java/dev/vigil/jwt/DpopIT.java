package dev.vigil.jwt;

import static dev.vigil.jwt.TestKeys.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import dev.vigil.jwt.internal.Hashing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 9449 DPoP end to end in Jetty: a DPoP-bound session, proofs checked for ath, htm, htu, iat and replay. */
class DpopIT {
    private static JettyApp app;
    private static final ECKey CLIENT_KEY = TestKeys.ec("client");

    @BeforeAll
    static void start() throws Exception {
        app = new JettyApp(new JwtAuthFilter(JwtFilterConfig.builder()
                .sessions(true)
                .audience("orders-api")
                .pathRule(PathRule.permit("/auth/login"))
                .meterRegistry(new SimpleMeterRegistry())
                .build()));
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    static String proof(ECKey key, String method, String url, String accessToken) {
        Map<String, Object> claims = map(
                "htm",
                method,
                "htu",
                url,
                "iat",
                System.currentTimeMillis() / 1000,
                "jti",
                UUID.randomUUID().toString());
        if (accessToken != null) {
            claims.put("ath", Hashing.sha256Url(accessToken));
        }
        return TestKeys.sign(
                map("typ", "dpop+jwt", "alg", "ES256", "jwk", key.toPublicJWK().toJSONObject()), claims, key);
    }

    private String www(HttpResponse<String> r) {
        return r.headers().firstValue("WWW-Authenticate").orElse("");
    }

    @Test
    void dpopBoundSessionNeedsAFreshProofPerRequest() throws Exception {
        HttpCalls client = new HttpCalls(app.http.origin());
        String base = client.origin();
        HttpResponse<String> login = client.post(
                "/auth/login",
                "user=alice",
                "Origin",
                base,
                "DPoP",
                proof(CLIENT_KEY, "POST", base + "/auth/login", null));
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("\"token_type\":\"DPoP\"");
        String token = HttpCalls.accessToken(login);
        String me = base + "/api/me";

        HttpResponse<String> asBearer = client.get("/api/me", "Authorization", "Bearer " + token);
        assertThat(asBearer.statusCode()).isEqualTo(401);
        assertThat(www(asBearer)).contains("dpop_proof_required");

        String good = proof(CLIENT_KEY, "GET", me, token);
        HttpResponse<String> ok = client.get("/api/me", "Authorization", "DPoP " + token, "DPoP", good);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).startsWith("alice|true|false|DPoP|");

        HttpResponse<String> replay = client.get("/api/me", "Authorization", "DPoP " + token, "DPoP", good);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(www(replay)).startsWith("DPoP ").contains("dpop_proof_invalid");

        ECKey thief = TestKeys.ec("thief");
        for (String bad : new String[] {
            proof(thief, "GET", me, token), // another key
            proof(CLIENT_KEY, "POST", me, token), // another method
            proof(CLIENT_KEY, "GET", base + "/api/other", token), // another URL
            proof(CLIENT_KEY, "GET", me, token + "x") // ath of another token
        }) {
            HttpResponse<String> r = client.get("/api/me", "Authorization", "DPoP " + token, "DPoP", bad);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(www(r)).contains("dpop_proof_invalid");
        }

        HttpResponse<String> stolenRefresh = client.post(
                "/auth/refresh", "", "Origin", base, "DPoP", proof(thief, "POST", base + "/auth/refresh", null));
        assertThat(stolenRefresh.statusCode()).isEqualTo(401);
        assertThat(stolenRefresh.body()).contains("device_mismatch");
    }

    @Test
    void unboundTokenSentWithTheDpopSchemeIsRefused() throws Exception {
        HttpCalls client = new HttpCalls(app.http.origin());
        HttpResponse<String> login = client.post("/auth/login", "user=alice", "Origin", client.origin());
        String token = HttpCalls.accessToken(login);
        HttpResponse<String> r = client.get(
                "/api/me",
                "Authorization",
                "DPoP " + token,
                "DPoP",
                proof(CLIENT_KEY, "GET", client.origin() + "/api/me", token));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(www(r)).contains("dpop_proof_invalid");
    }
}
