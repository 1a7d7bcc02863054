package dev.vigil.jwt;

import static dev.vigil.jwt.Fixtures.claims;
import static dev.vigil.jwt.Fixtures.rs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, defect 11: a configuration without an audience would accept tokens the issuer minted for any other
 * service. It is refused at start-up unless {@code vigil.jwt.audience.any=true} opts out explicitly.
 */
class AudienceRequirementTest {
    static final String MISSING = "vigil.jwt.audience is missing: name the audiences this service accepts, or set "
            + "vigil.jwt.audience.any=true to accept tokens minted for any audience";

    @Test
    void noAudienceIsRefusedFromProperties() {
        assertThatThrownBy(() -> JwtFilterConfig.fromProperties(Map.of(
                        "vigil.jwt.trust.1.issuer", "https://idp.example.com",
                        "vigil.jwt.trust.1.discovery", "true")))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems()).containsExactly(MISSING));
    }

    @Test
    void noAudienceIsRefusedFromTheBuilderToo() {
        assertThatThrownBy(() -> JwtFilterConfig.builder()
                        .trust(TrustedIssuer.discovery("https://idp.example.com"))
                        .build())
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems()).containsExactly(MISSING));
    }

    @Test
    void sessionOnlyConfigurationNeedsAnAudienceToo() {
        assertThatThrownBy(() -> JwtFilterConfig.fromProperties(Map.of("vigil.jwt.session.enabled", "true")))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems()).containsExactly(MISSING));
    }

    @Test
    void anyAudienceTogetherWithAnAudienceIsAContradiction() {
        assertThatThrownBy(() -> JwtFilterConfig.fromProperties(Map.of(
                        "vigil.jwt.audience", "orders-api",
                        "vigil.jwt.audience.any", "true",
                        "vigil.jwt.trust.1.issuer", "https://idp.example.com",
                        "vigil.jwt.trust.1.discovery", "true")))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("vigil.jwt.audience.any is true but vigil.jwt.audience is "
                                        + "'orders-api': set only one of them"));
    }

    @Test
    void anyAudienceFalseIsNoOptOut() {
        assertThatThrownBy(() -> JwtFilterConfig.fromProperties(Map.of(
                        "VIGIL_JWT_AUDIENCE_ANY", "false",
                        "vigil.jwt.trust.1.issuer", "https://idp.example.com",
                        "vigil.jwt.trust.1.discovery", "true")))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems()).containsExactly(MISSING));
    }

    @Test
    void explicitOptOutAcceptsTokensForAnyAudienceAsBefore() throws Exception {
        JwtFilterConfig config = JwtFilterConfig.builder()
                .acceptAnyAudience(true)
                .trust(TrustedIssuer.keys(Fixtures.ISSUER, TestKeys.publicSet(TestKeys.RSA)))
                .clock(Fixtures.CLOCK)
                .meterRegistry(new SimpleMeterRegistry())
                .build();
        assertThat(config.acceptsAnyAudience()).isTrue();
        assertThat(config.toString()).contains("vigil.jwt.audience.any=true (audience not checked)");
        try (JwtValidator v = JwtValidator.create(config)) {
            assertThat(v.validate(rs256(claims("aud", "billing-api"))).getName())
                    .isEqualTo("alice");
            assertThat(v.validate(rs256(claims("aud", List.of("a", "b")))).getName())
                    .isEqualTo("alice");
            assertThat(v.validate(rs256(claims("aud", null)))).isNotNull();
        }
    }

    @Test
    void optOutFromPropertiesIsReadFromItsKey() {
        JwtFilterConfig c = JwtFilterConfig.fromProperties(Map.of(
                "vigil.jwt.audience.any", "true",
                "vigil.jwt.trust.1.issuer", "https://idp.example.com",
                "vigil.jwt.trust.1.discovery", "true"));
        assertThat(c.acceptsAnyAudience()).isTrue();
        assertThat(c.audiences()).isEmpty();
    }
}
