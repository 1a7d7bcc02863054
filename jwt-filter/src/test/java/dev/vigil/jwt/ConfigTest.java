package dev.vigil.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @Test
    void propertiesBuildTheDocumentedConfiguration() {
        JwtFilterConfig c = JwtFilterConfig.fromProperties(Map.of(
                "vigil.jwt.audience", "orders-api",
                "vigil.jwt.trust.1.issuer", "https://idp.example.com",
                "vigil.jwt.trust.1.discovery", "true",
                "vigil.jwt.trust.2.issuer", "https://other.example.com",
                "vigil.jwt.trust.2.jwks-uri", "https://other.example.com/keys",
                "vigil.jwt.clock-skew", "30s",
                "VIGIL_JWT_MAX_LIFETIME", "2h",
                "vigil.jwt.path.1.pattern", "/healthz",
                "vigil.jwt.path.1.access", "permit",
                "unrelated.key", "ignored"));
        assertThat(c.audiences()).containsExactly("orders-api");
        assertThat(c.issuers())
                .extracting(TrustedIssuer::kind)
                .containsExactly(TrustedIssuer.SourceKind.DISCOVERY, TrustedIssuer.SourceKind.JWKS_URI);
        assertThat(c.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.maxLifetime()).isEqualTo(Duration.ofHours(2));
        assertThat(c.algorithms()).containsExactlyInAnyOrder("RS256", "PS256", "ES256", "EdDSA");
        assertThat(c.pathRules()).singleElement().extracting(PathRule::access).isEqualTo(PathRule.Access.PERMIT);
        assertThat(c.toString()).contains("vigil.jwt.clock-skew=PT30S", "https://idp.example.com via discovery");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> JwtFilterConfig.fromProperties(Map.of(
                        "vigil.jwt.trust.1.issuer", "https://idp.example.com",
                        "vigil.jwt.clock-skew", "soon",
                        "vigil.jwt.algorithms", "RS256,none,HS256",
                        "vigil.jwt.store", "mongo",
                        "vigil.jwt.cache.enabled", "yes",
                        "vigil.jwt.audiance", "typo")))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "vigil.jwt.clock-skew was 'soon' but it must be a duration such as 500ms, 60s, 15m, 24h, "
                                                + "7d or PT60S",
                                        "vigil.jwt.cache.enabled was 'yes' but it must be true or false",
                                        "vigil.jwt.trust.1.* for issuer 'https://idp.example.com' must set exactly one of "
                                                + "jwks-uri, jwks-file, discovery, pem-file, hmac-secret-file (found 0)",
                                        "vigil.jwt.audiance is not a known setting",
                                        AudienceRequirementTest.MISSING,
                                        "vigil.jwt.trust.1.issuer is missing: trust at least one issuer or enable vigil.jwt.session",
                                        "vigil.jwt.algorithms contains 'none' but only [ES256, ES384, ES512, Ed25519, EdDSA, "
                                                + "HS256, HS384, HS512, PS256, PS384, PS512, RS256, RS384, RS512] are supported",
                                        "vigil.jwt.algorithms was 'RS256,none,HS256' but HMAC algorithms may only be allowed per "
                                                + "issuer (vigil.jwt.trust.N.algorithms), never globally",
                                        "vigil.jwt.store was 'mongo' but it must be memory or redis"));
    }

    @Test
    void redisPasswordNeverAppearsInToString(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("session.jwk");
        Files.writeString(key, TestKeys.rsa("session-1", 2048).toJSONString());
        JwtFilterConfig c = JwtFilterConfig.fromProperties(Map.of(
                "vigil.jwt.session.enabled", "true",
                "vigil.jwt.session.key-file", key.toString(),
                "vigil.jwt.audience", "orders-api",
                "vigil.jwt.store", "redis",
                "vigil.jwt.redis.uri", "redis://:s3cret@localhost:6379"));
        assertThat(c.toString()).contains("redis=redis://localhost:6379").doesNotContain("s3cret");
    }

    /** Issue 12, defect 10: a generated signing key differs per instance, so a shared store needs a shared key. */
    @Test
    void redisStoreWithoutASharedSigningKeyIsRefused() {
        assertThatThrownBy(() -> JwtFilterConfig.fromProperties(Map.of(
                        "vigil.jwt.session.enabled", "true",
                        "vigil.jwt.audience", "orders-api",
                        "vigil.jwt.store", "redis",
                        "vigil.jwt.redis.uri", "redis://localhost:6379")))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("vigil.jwt.session.key-file is missing but vigil.jwt.store is redis: "
                                        + "instances sharing the store must sign access tokens with one shared private "
                                        + "JWK (a generated key differs per instance, so each would reject the others' "
                                        + "tokens)"));
    }

    @Test
    void revocationOnStoreFailureDefaultsToDenyAndComesFromEverySource(@TempDir Path dir) throws Exception {
        Map<String, String> base = Map.of(
                "vigil.jwt.audience", "orders-api",
                "vigil.jwt.trust.1.issuer", "https://idp.example.com",
                "vigil.jwt.trust.1.discovery", "true");
        assertThat(JwtFilterConfig.fromProperties(base, Map::of).revocationOnStoreFailure())
                .isEqualTo("deny");
        Map<String, String> allow = new java.util.HashMap<>(base);
        allow.put("vigil.jwt.revocation.on-store-failure", "ALLOW");
        assertThat(JwtFilterConfig.fromProperties(allow, Map::of).revocationOnStoreFailure())
                .isEqualTo("allow");
        assertThat(JwtFilterConfig.fromProperties(allow, () -> Map.of("VIGIL_JWT_REVOCATION_ON_STORE_FAILURE", "deny"))
                        .revocationOnStoreFailure())
                .as("environment over the map")
                .isEqualTo("deny");
        Path file = dir.resolve("jwt.properties");
        Files.writeString(file, "vigil.jwt.revocation.on-store-failure=allow\n");
        Map<String, String> init = new java.util.HashMap<>(base);
        init.put("vigil.jwt.config-file", file.toString());
        assertThat(JwtFilterConfig.fromInitParameters(init, Map::of).revocationOnStoreFailure())
                .as("file")
                .isEqualTo("allow");
        init.put("vigil.jwt.revocation.on-store-failure", "deny");
        assertThat(JwtFilterConfig.fromInitParameters(
                                init, () -> Map.of("VIGIL_JWT_REVOCATION_ON_STORE_FAILURE", "allow"))
                        .revocationOnStoreFailure())
                .as("init-param over environment over file")
                .isEqualTo("deny");
        allow.put("vigil.jwt.revocation.on-store-failure", "open");
        assertThatThrownBy(() -> JwtFilterConfig.fromProperties(allow, Map::of))
                .hasMessageContaining("vigil.jwt.revocation.on-store-failure was 'open' but it must be deny or allow");
    }
}
