package dev.vigil.jwt;

import static dev.vigil.jwt.Fixtures.AUDIENCE;
import static dev.vigil.jwt.Fixtures.NOW;
import static dev.vigil.jwt.Fixtures.claims;
import static dev.vigil.jwt.Fixtures.rs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** exp, nbf, iat, aud, iss and sub at and around every boundary (clock skew 60 s, max lifetime 24 h). */
class ClaimEdgesTest {
    private static final JwtValidator VALIDATOR = Fixtures.validator();

    @AfterAll
    static void close() {
        VALIDATOR.close();
    }

    static Stream<Arguments> edges() {
        return Stream.of(
                Arguments.of("valid", claims(), null),
                Arguments.of("exp missing", claims("exp", null), "missing_expiry"),
                Arguments.of("exp now", claims("exp", NOW), null),
                Arguments.of("exp 59 s ago (inside skew)", claims("exp", NOW - 59), null),
                Arguments.of("exp 60 s ago (skew edge)", claims("exp", NOW - 60), "token_expired"),
                Arguments.of("exp an hour ago", claims("exp", NOW - 3600, "iat", NOW - 7200), "token_expired"),
                Arguments.of("exp a string", claims("exp", "tomorrow"), "malformed_token"),
                Arguments.of("exp year 9999", claims("exp", 253402300799L), "lifetime_too_long"),
                Arguments.of("lifetime exactly 24 h", claims("iat", NOW - 10, "exp", NOW - 10 + 86400), null),
                Arguments.of(
                        "lifetime 24 h + 1 s", claims("iat", NOW - 10, "exp", NOW - 9 + 86400), "lifetime_too_long"),
                Arguments.of("nbf in 60 s (skew edge)", claims("nbf", NOW + 60), null),
                Arguments.of("nbf in 61 s", claims("nbf", NOW + 61), "token_not_yet_valid"),
                Arguments.of("iat in 60 s (skew edge)", claims("iat", NOW + 60), null),
                Arguments.of("iat in 61 s", claims("iat", NOW + 61), "issued_in_future"),
                Arguments.of("aud missing", claims("aud", null), "audience_mismatch"),
                Arguments.of("aud other", claims("aud", "billing-api"), "audience_mismatch"),
                Arguments.of("aud array with ours", claims("aud", List.of("billing-api", AUDIENCE)), null),
                Arguments.of("aud array without ours", claims("aud", List.of("a", "b")), "audience_mismatch"),
                Arguments.of("aud a number", claims("aud", 7), "malformed_token"),
                Arguments.of("iss missing", claims("iss", null), "untrusted_issuer"),
                Arguments.of("iss unknown", claims("iss", "https://evil.test"), "untrusted_issuer"),
                Arguments.of("iss with trailing slash", claims("iss", Fixtures.ISSUER + "/"), "untrusted_issuer"),
                Arguments.of("iss an array", claims("iss", List.of(Fixtures.ISSUER)), "untrusted_issuer"),
                Arguments.of("sub a number", claims("sub", 42), "invalid_subject"),
                Arguments.of("sub an object", claims("sub", Map.of("id", 1)), "invalid_subject"),
                Arguments.of("sub missing", claims("sub", null), "missing_required_claim"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edges")
    void claimEdge(String name, Map<String, Object> claims, String reason) throws Exception {
        String token = rs256(claims);
        if (reason == null) {
            assertThat(VALIDATOR.validate(token).getName()).isEqualTo("alice");
        } else {
            assertThatThrownBy(() -> VALIDATOR.validate(token))
                    .isInstanceOfSatisfying(
                            TokenRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(reason));
        }
    }

    @Test
    void atJwtIsAcceptedOnlyWhenOptedIn() throws Exception {
        String token = TestKeys.sign(
                TestKeys.map("alg", "RS256", "kid", "rsa-1", "typ", "application/at+jwt"), claims(), TestKeys.RSA);
        try (JwtValidator v = JwtValidator.create(
                Fixtures.config().acceptedTypes(Set.of("at+jwt")).build())) {
            assertThat(v.validate(token).getName()).isEqualTo("alice");
            assertThatThrownBy(() -> v.validate(Fixtures.valid()))
                    .isInstanceOfSatisfying(
                            TokenRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo("type_not_allowed"));
        }
    }

    @Test
    void enablingSessionsDoesNotOpenAtJwtToOtherIssuers() throws Exception {
        JwtFilterConfig config = Fixtures.config().sessions(true).build();
        try (RefreshTokenService sessions = RefreshTokenService.create(config);
                JwtValidator v = JwtValidator.withSessionIssuer(
                        config,
                        sessions.issuer(),
                        sessions.publicKeys(),
                        sessions.algorithms(),
                        sessions::isRevoked,
                        new dev.vigil.jwt.internal.JwtMetrics(
                                new io.micrometer.core.instrument.simple.SimpleMeterRegistry()))) {
            String external = TestKeys.sign(
                    TestKeys.map("alg", "RS256", "kid", "rsa-1", "typ", "at+jwt"), claims(), TestKeys.RSA);
            assertThatThrownBy(() -> v.validate(external))
                    .isInstanceOfSatisfying(
                            TokenRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo("type_not_allowed"));
            assertThat(v.validate(Fixtures.valid()).getName()).isEqualTo("alice");
        }
    }

    @Test
    void issuerWrittenWithEscapedSlashesIsStillTrusted() throws Exception {
        String payload = "{\"iss\":\"https:\\/\\/idp.example.test\",\"sub\":\"alice\",\"aud\":\"orders-api\","
                + "\"iat\":" + (NOW - 10) + ",\"exp\":" + (NOW + 300) + "}";
        String token = TestKeys.signRaw(
                TestKeys.b64("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}"), TestKeys.b64(payload), "RS256", TestKeys.RSA);
        assertThat(VALIDATOR.validate(token).issuer()).isEqualTo(Fixtures.ISSUER);
    }

    @Test
    void issuerOnlyMentionedElsewhereIsNotTrusted() {
        String token = rs256(claims("iss", "https://evil.test", "note", Fixtures.ISSUER));
        assertThatThrownBy(() -> VALIDATOR.validate(token))
                .isInstanceOfSatisfying(
                        TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo("untrusted_issuer"));
    }

    @Test
    void rolesComeFromAConfiguredNestedClaim() throws Exception {
        String token = rs256(claims("realm_access", Map.of("roles", List.of("admin", "ops"))));
        try (JwtValidator v = JwtValidator.create(
                Fixtures.config().rolesClaim("realm_access.roles").build())) {
            assertThat(v.validate(token).scopes()).containsExactlyInAnyOrder("admin", "ops");
        }
    }

    /** RFC 7515 appendix A.1: the HS256 example, verified through an HMAC secret file. */
    @Test
    void rfc7515AppendixA1Verifies() throws Exception {
        String token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
                + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        Path secret = Files.createTempFile("rfc7515", ".key");
        Files.write(
                secret,
                Base64.getUrlDecoder()
                        .decode(
                                "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"));
        Clock before = Clock.fixed(Instant.ofEpochSecond(1300819000L), ZoneOffset.UTC);
        try (JwtValidator v = JwtValidator.create(JwtFilterConfig.builder()
                .acceptAnyAudience(true) // the RFC's example token names no audience
                .trust(TrustedIssuer.hmacSecretFile("joe", secret).withAlgorithms(Set.of("HS256")))
                .requiredClaims(Set.of())
                .clock(before)
                .meterRegistry(new io.micrometer.core.instrument.simple.SimpleMeterRegistry())
                .build())) {
            JwtPrincipal p = v.validate(token);
            assertThat(p.issuer()).isEqualTo("joe");
            assertThat(p.claims()).containsEntry("http://example.com/is_root", true);
            String tampered = token.substring(0, token.length() - 2) + "XX";
            assertThatThrownBy(() -> v.validate(tampered))
                    .isInstanceOfSatisfying(
                            TokenRejectedException.class,
                            e -> assertThat(e.reason()).isIn("invalid_signature", "non_canonical_encoding"));
        } finally {
            Files.delete(secret);
        }
    }
}
