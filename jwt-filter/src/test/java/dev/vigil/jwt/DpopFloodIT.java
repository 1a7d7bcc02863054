package dev.vigil.jwt;

import static dev.vigil.jwt.DpopIT.proof;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DPoP replay cache under a flood (issue 12, defect 2): unauthenticated requests with throw-away keys, and an
 * authenticated client burning through its own allowance, must neither block the victim's next refresh nor cost
 * it its cookie; a bad proof never clears the cookie either.
 */
class DpopFloodIT {
    static final String COOKIE = "__Host-vigil-rt";
    static final int PROOFS_PER_KEY = 40;
    static final int FLOOD = 400;
    static RefreshTokenService sessions;
    static JettyApp app;

    @BeforeAll
    static void start() throws Exception {
        JwtFilterConfig config = JwtFilterConfig.builder()
                .sessions(true)
                .audience("orders-api")
                .pathRule(PathRule.permit("/auth/login"))
                .meterRegistry(new SimpleMeterRegistry())
                .build();
        sessions = RefreshTokenService.create(config, new InMemorySessionStore(config.clock()), PROOFS_PER_KEY);
        app = new JettyApp(new JwtAuthFilter(config, sessions));
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        sessions.close();
    }

    static HttpResponse<String> refresh(HttpCalls client, String dpopProof) throws Exception {
        return client.post("/auth/refresh", "", "Origin", client.origin(), "DPoP", dpopProof);
    }

    static boolean clearsCookie(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(COOKIE + "=;"));
    }

    @Test
    void floodOfThrowAwayProofsNeitherBlocksNorLogsOutTheVictim() throws Exception {
        ECKey victimKey = TestKeys.ec("victim");
        HttpCalls victim = new HttpCalls(app.http.origin());
        String base = victim.origin();
        String refreshUrl = base + "/auth/refresh";
        HttpResponse<String> login = victim.post(
                "/auth/login",
                "user=alice",
                "Origin",
                base,
                "DPoP",
                proof(victimKey, "POST", base + "/auth/login", null));
        assertThat(login.statusCode()).isEqualTo(200);
        String victimCookie = victim.cookies.get(COOKIE);
        assertThat(victimCookie).isNotNull();

        // unauthenticated: no cookie, or a well-formed cookie naming no session; valid proofs of throw-away keys
        SecureRandom random = new SecureRandom();
        HttpCalls attacker = new HttpCalls(base);
        ECKey throwAway = null;
        for (int i = 0; i < FLOOD; i++) {
            if (i % 20 == 0) {
                throwAway = TestKeys.ec("junk-" + i);
            }
            attacker.cookies.clear();
            if (i % 2 == 1) {
                byte[] b = new byte[32];
                random.nextBytes(b);
                attacker.cookies.put(
                        COOKIE, Base64.getUrlEncoder().withoutPadding().encodeToString(b));
            }
            HttpResponse<String> r = refresh(attacker, proof(throwAway, "POST", refreshUrl, null));
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("invalid_refresh_token");
        }

        // authenticated: the attacker's own session and key, refreshed past its own allowance
        ECKey attackerKey = TestKeys.ec("attacker");
        HttpCalls insider = new HttpCalls(base);
        assertThat(insider.post(
                                "/auth/login",
                                "user=alice",
                                "Origin",
                                base,
                                "DPoP",
                                proof(attackerKey, "POST", base + "/auth/login", null))
                        .statusCode())
                .isEqualTo(200);
        int refused = 0;
        for (int i = 0; i < PROOFS_PER_KEY + 5; i++) {
            HttpResponse<String> r = refresh(insider, proof(attackerKey, "POST", refreshUrl, null));
            if (r.statusCode() == 401) {
                assertThat(r.body()).contains("dpop_proof_invalid");
                assertThat(clearsCookie(r))
                        .as("a refused proof clears no cookie")
                        .isFalse();
                refused++;
            }
        }
        assertThat(refused).as("the insider's own key ran out of allowance").isPositive();
        assertThat(insider.cookies).containsKey(COOKIE);

        // the victim: a proof of its own that fails keeps the cookie; the next good one refreshes
        HttpResponse<String> badProof = refresh(victim, proof(victimKey, "POST", base + "/auth/elsewhere", null));
        assertThat(badProof.statusCode()).isEqualTo(401);
        assertThat(badProof.body()).contains("dpop_proof_invalid");
        assertThat(clearsCookie(badProof)).isFalse();
        assertThat(victim.cookies.get(COOKIE)).isEqualTo(victimCookie);

        HttpResponse<String> ok = refresh(victim, proof(victimKey, "POST", refreshUrl, null));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(victim.cookies.get(COOKIE)).isNotNull().isNotEqualTo(victimCookie);
        String token = HttpCalls.accessToken(ok);
        HttpResponse<String> me = victim.get(
                "/api/me", "Authorization", "DPoP " + token, "DPoP", proof(victimKey, "GET", base + "/api/me", token));
        assertThat(me.statusCode()).isEqualTo(200);
    }
}
