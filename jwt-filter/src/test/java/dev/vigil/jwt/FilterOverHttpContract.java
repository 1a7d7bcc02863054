package dev.vigil.jwt;

import static dev.vigil.jwt.TestKeys.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The filter's HTTP behaviour, run against each real container. Subclasses start the container with the
 * filter configured from {@link #settings()} and {@link DemoAppServlet} behind it.
 */
abstract class FilterOverHttpContract {
    static final String ISSUER = "https://idp.example.test";
    static final String DOWN_ISSUER = "https://down.example.test";

    static Path workDir;
    static HttpCalls http;

    /** The filter configuration as vigil.jwt.* keys (init-params, or properties). */
    static Map<String, String> settings() throws Exception {
        Path jwks = workDir.resolve("jwks.json");
        Files.writeString(jwks, TestKeys.publicSet(TestKeys.RSA, TestKeys.EC).toString());
        Map<String, String> s = new HashMap<>();
        s.put("vigil.jwt.realm", "it");
        s.put("vigil.jwt.audience", "orders-api");
        s.put("vigil.jwt.trust.1.issuer", ISSUER);
        s.put("vigil.jwt.trust.1.jwks-file", jwks.toString());
        s.put("vigil.jwt.trust.2.issuer", DOWN_ISSUER);
        s.put("vigil.jwt.trust.2.jwks-uri", "http://127.0.0.1:1/jwks");
        s.put("vigil.jwt.jwks.retry-after", "7s");
        s.put("vigil.jwt.jwks.timeout", "500ms");
        s.put("vigil.jwt.path.1.pattern", "/healthz");
        s.put("vigil.jwt.path.1.access", "permit");
        s.put("vigil.jwt.path.2.pattern", "/auth/login");
        s.put("vigil.jwt.path.2.access", "permit");
        s.put("vigil.jwt.path.3.pattern", "/api/admin/*");
        s.put("vigil.jwt.path.3.scopes", "admin");
        s.put("vigil.jwt.session.enabled", "true");
        return s;
    }

    static void useServer(int port) {
        http = new HttpCalls("http://127.0.0.1:" + port);
    }

    @BeforeAll
    static void workDir() throws Exception {
        workDir = Files.createTempDirectory("vigil-jwt-it");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try (var files = Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    static String token(Object... overrides) {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> c = map(
                "iss",
                ISSUER,
                "sub",
                "alice",
                "aud",
                "orders-api",
                "iat",
                now,
                "exp",
                now + 300,
                "jti",
                "jti-" + System.nanoTime(),
                "scope",
                "orders:read");
        Map<String, Object> o = map(overrides);
        c.putAll(o);
        c.values().removeIf(java.util.Objects::isNull);
        return TestKeys.sign(map("alg", "RS256", "kid", "rsa-1", "typ", "JWT"), c, TestKeys.RSA);
    }

    @Test
    void noTokenGets401WithABearerChallengeAndAProblemBody() throws Exception {
        HttpResponse<String> r = http.get("/api/me");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"it\"");
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.body()).contains("\"status\":401", "\"detail\":\"missing_token\"");
    }

    @Test
    void validTokenReachesTheApplicationAsPrincipalWithRoles() throws Exception {
        HttpResponse<String> r = http.get("/api/me", "Authorization", "Bearer " + token());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("alice|true|false|Bearer|" + ISSUER);
    }

    @Test
    void schemeNameIsCaseInsensitive() throws Exception {
        assertThat(http.get("/api/me", "Authorization", "bearer " + token()).statusCode())
                .isEqualTo(200);
        assertThat(http.get("/api/me", "Authorization", "BEARER " + token()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void badTokenGets401WithInvalidTokenAndItsReason() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        HttpResponse<String> r =
                http.get("/api/me", "Authorization", "Bearer " + token("exp", now - 3600, "iat", now - 7200));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"it\", error=\"invalid_token\", error_description=\"token_expired\"");
        assertThat(r.body()).contains("\"detail\":\"token_expired\"");
    }

    @Test
    void unsignedTokenIsRefusedOverHttp() throws Exception {
        String none = TestKeys.b64("{\"alg\":\"none\"}") + "." + TestKeys.b64("{\"iss\":\"" + ISSUER + "\"}") + ".";
        HttpResponse<String> r = http.get("/api/me", "Authorization", "Bearer " + none);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("unsigned_token");
        assertThat(r.body()).doesNotContain(none);
    }

    @Test
    void twoTokensGet400() throws Exception {
        HttpResponse<String> r =
                http.get("/api/me", "Authorization", "Bearer " + token(), "Authorization", "Bearer " + token());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_request\"");
    }

    @Test
    void queryStringTokenIsIgnored() throws Exception {
        HttpResponse<String> r = http.get("/api/me?access_token=" + token());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"it\"");
    }

    @Test
    void permittedPathNeedsNoToken() throws Exception {
        HttpResponse<String> r = http.get("/healthz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok");
    }

    @Test
    void missingScopeGets403InsufficientScope() throws Exception {
        HttpResponse<String> r = http.get("/api/admin/users", "Authorization", "Bearer " + token());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"insufficient_scope\"", "scope=\"admin\"");
        assertThat(http.get("/api/admin/users", "Authorization", "Bearer " + token("scope", "orders:read admin"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void unreachableKeySetAnswers503WithRetryAfterNot401() throws Exception {
        HttpResponse<String> r = http.get("/api/me", "Authorization", "Bearer " + token("iss", DOWN_ISSUER));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(r.body()).contains("keys_unavailable");
    }

    @Test
    void sessionLifecycleRotatesDetectsReuseAndLogsOut() throws Exception {
        HttpCalls browser = new HttpCalls(http.origin());
        String origin = browser.origin();
        HttpResponse<String> login = browser.post("/auth/login", "user=alice", "Origin", origin);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("\"token_type\":\"Bearer\"", "\"expires_in\":900");
        assertThat(HttpCalls.headers(login, "Set-Cookie"))
                .anySatisfy(c -> assertThat(c)
                        .startsWith("__Host-vigil-rt=")
                        .contains("; Path=/; Secure; HttpOnly; " + "SameSite=Strict"));
        String access = HttpCalls.accessToken(login);
        assertThat(browser.get("/api/me", "Authorization", "Bearer " + access).body())
                .startsWith("alice|true|false|Bearer|urn:vigil:session");

        String first = browser.cookies.get("__Host-vigil-rt");
        HttpResponse<String> refreshed = browser.post("/auth/refresh", "", "Origin", origin);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        String second = browser.cookies.get("__Host-vigil-rt");
        assertThat(second).isNotEqualTo(first);
        String access2 = HttpCalls.accessToken(refreshed);

        // a thief replays the first token after the grace window would have allowed it: simulate by a second rotation
        assertThat(browser.post("/auth/refresh", "", "Origin", origin).statusCode())
                .isEqualTo(200);
        browser.cookies.put("__Host-vigil-rt", first);
        HttpResponse<String> reuse = browser.post("/auth/refresh", "", "Origin", origin);
        assertThat(reuse.statusCode()).isEqualTo(401);
        assertThat(reuse.body()).contains("refresh_token_reused");
        // the whole family is revoked, including the live access tokens it issued
        browser.cookies.put("__Host-vigil-rt", second);
        assertThat(browser.post("/auth/refresh", "", "Origin", origin).body()).contains("session_revoked");
        HttpResponse<String> revoked = browser.get("/api/me", "Authorization", "Bearer " + access2);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("token_revoked");

        // a fresh login, then logout ends it
        HttpResponse<String> again = browser.post("/auth/login", "user=alice", "Origin", origin);
        String access3 = HttpCalls.accessToken(again);
        assertThat(browser.post("/auth/logout", "", "Origin", origin).statusCode())
                .isEqualTo(204);
        assertThat(browser.cookies).doesNotContainKey("__Host-vigil-rt");
        assertThat(browser.get("/api/me", "Authorization", "Bearer " + access3).statusCode())
                .isEqualTo(401);
    }

    @Test
    void crossSiteRefreshGets403AndGetGets405() throws Exception {
        HttpCalls browser = new HttpCalls(http.origin());
        browser.post("/auth/login", "user=alice", "Origin", browser.origin());
        HttpResponse<String> cross = browser.post("/auth/refresh", "", "Origin", "https://evil.example");
        assertThat(cross.statusCode()).isEqualTo(403);
        assertThat(cross.body()).contains("origin_not_allowed");
        assertThat(browser.post("/auth/refresh", "").statusCode()).isEqualTo(403); // no Origin at all
        HttpResponse<String> get = browser.get("/auth/refresh", "Origin", browser.origin());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    }
}
