package dev.vigil.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Field;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real identity provider (mock-oauth2-server, HTTP on loopback) issuing RS256 tokens that the filter, in Jetty,
 * validates through OIDC discovery and the IdP's JWKS; the IdP then rotates its signing key mid-run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdpInteropIT {
    private static final String ISSUER_ID = "default";
    private static KeyProvider keys;
    private static MockOAuth2Server idp;
    private static JettyApp app;
    private static String issuer;
    private static String tokenBeforeRotation;

    @BeforeAll
    static void start() throws Exception {
        keys = new KeyProvider(List.of(TestKeys.rsa("idp-key-1", 2048)), "RS256");
        idp = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(keys)));
        idp.start();
        issuer = idp.issuerUrl(ISSUER_ID).toString();
        // the IdP's own first answers load its classes, which on a loaded machine can outlast the filter's 5 s
        // fetch deadline: warm it up so that the deadline measures the filter, not the IdP's start-up
        java.net.http.HttpClient warmUp = java.net.http.HttpClient.newHttpClient();
        for (String path : List.of("/.well-known/openid-configuration", "/jwks")) {
            warmUp.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(issuer + path))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        JwtFilterConfig config = JwtFilterConfig.fromProperties(Map.of(
                "vigil.jwt.realm", "interop",
                "vigil.jwt.audience", "orders-api",
                "vigil.jwt.trust.1.issuer", issuer,
                "vigil.jwt.trust.1.discovery", "true"));
        app = new JettyApp(new JwtAuthFilter(JwtFilterConfig.builder()
                .audience("orders-api")
                .trust(config.issuers().get(0))
                .meterRegistry(new SimpleMeterRegistry())
                .build()));
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        idp.shutdown();
    }

    private static String issue(String subject, String type, List<String> audience) {
        return idp.issueToken(
                        ISSUER_ID,
                        "client-1",
                        new DefaultOAuth2TokenCallback(
                                ISSUER_ID, subject, type, audience, Map.of("scope", "orders:read"), 300))
                .serialize();
    }

    @Test
    @Order(1)
    void idpTokenIsAcceptedThroughDiscoveryAndJwks() throws Exception {
        tokenBeforeRotation = issue("alice", "JWT", List.of("orders-api"));
        HttpResponse<String> r = app.http.get("/api/me", "Authorization", "Bearer " + tokenBeforeRotation);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("alice|true|false|Bearer|" + issuer);
    }

    @Test
    @Order(2)
    void idpTokenForAnotherAudienceIsRefused() throws Exception {
        HttpResponse<String> r =
                app.http.get("/api/me", "Authorization", "Bearer " + issue("alice", "JWT", List.of("billing")));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("audience_mismatch");
    }

    @Test
    @Order(3)
    void idpAccessTokenTypedAtJwtNeedsOptIn() throws Exception {
        HttpResponse<String> r =
                app.http.get("/api/me", "Authorization", "Bearer " + issue("alice", "at+jwt", List.of("orders-api")));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("type_not_allowed");
    }

    @Test
    @Order(4)
    void keyRotationAtTheIdpIsFollowed() throws Exception {
        rotate();
        String afterRotation = issue("bob", "JWT", List.of("orders-api"));
        assertThat(kid(afterRotation)).isNotEqualTo(kid(tokenBeforeRotation));
        HttpResponse<String> r = app.http.get("/api/me", "Authorization", "Bearer " + afterRotation);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("bob|");
        // the old key is gone from the IdP's JWKS: its tokens stop working at once, despite the verified cache
        HttpResponse<String> old = app.http.get("/api/me", "Authorization", "Bearer " + tokenBeforeRotation);
        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(old.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("unknown_key_id");
    }

    @Test
    @Order(5)
    void keyReplacedUnderTheSameKidIsFollowedToo() throws Exception {
        String second = "second";
        try (JwtValidator validator = JwtValidator.create(JwtFilterConfig.builder()
                .audience("orders-api")
                .trust(TrustedIssuer.discovery(idp.issuerUrl(second).toString()))
                .meterRegistry(new SimpleMeterRegistry())
                .build())) {
            String before = issueFor(second, "carol");
            assertThat(validator.validate(before).getName()).isEqualTo("carol");
            @SuppressWarnings("unchecked")
            Map<String, JWK> current = (Map<String, JWK>) signingKeys().get(keys);
            String kid = current.get(second).getKeyID();
            current.put(second, TestKeys.rsa(kid, 2048)); // same kid, new key: bad practice, seen in the wild
            String after = issueFor(second, "dave");
            assertThat(kid(after)).isEqualTo(kid(before));
            assertThat(validator.validate(after).getName()).isEqualTo("dave");
            assertThatThrownBy(() -> validator.validate(before))
                    .isInstanceOfSatisfying(
                            TokenRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo("invalid_signature"));
        }
    }

    private static String issueFor(String issuerId, String subject) {
        return idp.issueToken(
                        issuerId,
                        "client-1",
                        new DefaultOAuth2TokenCallback(
                                issuerId, subject, "JWT", List.of("orders-api"), Map.of("scope", "orders:read"), 300))
                .serialize();
    }

    private static Field signingKeys() throws Exception {
        Field f = KeyProvider.class.getDeclaredField("signingKeys");
        f.setAccessible(true);
        return f;
    }

    /**
     * Replaces the issuer's signing key inside mock-oauth2-server (it names its keys after the issuer id, so the
     * new key gets a new kid explicitly); its JWKS then publishes only the new key.
     */
    @SuppressWarnings("unchecked")
    private static void rotate() throws Exception {
        Field f = KeyProvider.class.getDeclaredField("signingKeys");
        f.setAccessible(true);
        ((Map<String, JWK>) f.get(keys)).put(ISSUER_ID, TestKeys.rsa("idp-key-rotated", 2048));
    }

    private static String kid(String token) throws Exception {
        return com.nimbusds.jwt.SignedJWT.parse(token).getHeader().getKeyID();
    }
}
