package dev.vigil.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.vigil.testsupport.FuzzProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;

/**
 * Fuzz targets for key documents and DPoP proofs. A JWK set from the network either parses to public keys only
 * (symmetric keys dropped, private material refused) or fails with {@link IOException}. A DPoP proof either verifies
 * or is a {@link TokenRejection}; the first byte picks raw proof text (even) or a fuzzed claims set really signed
 * with the key embedded in the header (odd), so the claim checks run too. Stored inputs run in every build.
 */
class KeyAndProofFuzzTest {
    private static final ECKey PROOF_KEY = generate();
    private static final long NOW = 1_800_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    @FuzzTest(maxDuration = "5m")
    void jwkSet(byte[] input) {
        String json = new String(input, StandardCharsets.UTF_8);
        FuzzProperties.check(
                "jwks",
                () -> {
                    JWKSet set = KeySource.parseSet(json, "https://idp.example/jwks");
                    JWKSet kept =
                            KeySource.withoutSecretKeys(set, URI.create("https://idp.example/jwks"), new HashSet<>());
                    for (JWK k : kept.getKeys()) {
                        assertThat(k.isPrivate())
                                .as("private key material kept: %s", k.getKeyID())
                                .isFalse();
                    }
                },
                IOException.class);
    }

    @FuzzTest(maxDuration = "5m")
    void dpopProof(byte[] input) throws Exception {
        if (input.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        boolean signed = (input[0] & 1) == 1;
        String proof = signed ? sign(rest) : new String(rest, StandardCharsets.UTF_8);
        DpopVerifier verifier = new DpopVerifier(CLOCK, Duration.ofMinutes(5));
        FuzzProperties.check(
                "dpop",
                () -> {
                    String thumbprint = verifier.verify(proof, "POST", "https://api.example/orders", null);
                    assertThat(signed)
                            .as("an unsigned fuzzed proof was accepted: %s", proof)
                            .isTrue();
                    assertThat(thumbprint)
                            .isEqualTo(PROOF_KEY.computeThumbprint().toString());
                },
                TokenRejection.class);
    }

    private static String sign(byte[] claims) throws Exception {
        JWSObject jws = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .type(new JOSEObjectType("dpop+jwt"))
                        .jwk(PROOF_KEY.toPublicJWK())
                        .build(),
                new Payload(claims));
        jws.sign(new ECDSASigner(PROOF_KEY));
        return jws.serialize();
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("proof").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
