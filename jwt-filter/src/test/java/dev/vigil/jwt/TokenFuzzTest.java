package dev.vigil.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import dev.vigil.testsupport.FuzzProperties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz targets for bearer tokens: the pre-parser (size, segments, canonical base64url, JSON depth) and the verifier
 * behind it. The first byte picks the mode: even, the rest is the token text as a client sends it; odd, the rest is
 * a claims set that is then really signed with a trusted key, so the claim checks after the signature are fuzzed
 * too. Only {@link TokenRejectedException} may escape; a token accepted from a fuzzed claims set really is valid:
 * the trusted issuer, the configured audience, not expired. Stored inputs run in every build.
 */
class TokenFuzzTest {
    private static final JwtValidator VALIDATOR = Fixtures.validator();

    @FuzzTest(maxDuration = "5m")
    void bearerToken(byte[] input) throws Exception {
        if (input.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        boolean signed = (input[0] & 1) == 1;
        String token = signed ? sign(rest) : new String(rest, StandardCharsets.UTF_8);
        FuzzProperties.check(
                "token",
                () -> {
                    JwtPrincipal p = VALIDATOR.validate(token);
                    assertThat(signed)
                            .as("an unsigned fuzzed token was accepted: %s", token)
                            .isTrue();
                    assertThat(p.issuer()).isEqualTo(Fixtures.ISSUER);
                    assertThat(p.expiresAt()).isAfter(Instant.ofEpochSecond(Fixtures.NOW));
                    Object aud = p.claims().get("aud");
                    assertThat(
                                    aud instanceof String s
                                            ? s.equals(Fixtures.AUDIENCE)
                                            : String.valueOf(aud).contains(Fixtures.AUDIENCE))
                            .as("audience %s", aud)
                            .isTrue();
                },
                TokenRejectedException.class);
    }

    private static String sign(byte[] claims) throws Exception {
        JWSObject jws = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(TestKeys.RSA.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                new Payload(claims));
        jws.sign(new RSASSASigner(TestKeys.RSA));
        return jws.serialize();
    }

    @AfterAll
    static void close() {
        VALIDATOR.close();
    }
}
