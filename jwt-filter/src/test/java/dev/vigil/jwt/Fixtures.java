package dev.vigil.jwt;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

/** A validator trusting two issuers with separate keys, at a fixed instant. */
final class Fixtures {
    static final String ISSUER = "https://idp.example.test";
    static final String OTHER_ISSUER = "https://other.example.test";
    static final String AUDIENCE = "orders-api";
    static final long NOW = 1_800_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    private Fixtures() {}

    static JwtFilterConfig.Builder config() {
        return JwtFilterConfig.builder()
                .audience(AUDIENCE)
                .trust(TrustedIssuer.keys(ISSUER, TestKeys.publicSet(TestKeys.RSA, TestKeys.EC, TestKeys.ED_JWK)))
                .trust(TrustedIssuer.keys(OTHER_ISSUER, TestKeys.publicSet(TestKeys.rsa("other-1", 2048))))
                .clock(CLOCK)
                .meterRegistry(new SimpleMeterRegistry());
    }

    static JwtValidator validator() {
        return JwtValidator.create(config().build());
    }

    static Map<String, Object> claims(Object... overrides) {
        Map<String, Object> c = TestKeys.map(
                "iss",
                ISSUER,
                "sub",
                "alice",
                "aud",
                AUDIENCE,
                "iat",
                NOW - 10,
                "exp",
                NOW + 300,
                "jti",
                "j-1",
                "scope",
                "orders:read orders:write");
        Map<String, Object> o = TestKeys.map(overrides);
        o.forEach((k, v) -> {
            if (v == null) {
                c.remove(k);
            } else {
                c.put(k, v);
            }
        });
        return c;
    }

    static String rs256(Map<String, Object> claims) {
        return TestKeys.sign(TestKeys.map("alg", "RS256", "kid", "rsa-1", "typ", "JWT"), claims, TestKeys.RSA);
    }

    static String valid() {
        return rs256(claims());
    }

    static Set<String> set(String... s) {
        return Set.of(s);
    }
}
