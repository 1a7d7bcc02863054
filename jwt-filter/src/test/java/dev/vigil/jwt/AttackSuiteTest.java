package dev.vigil.jwt;

import static dev.vigil.jwt.Fixtures.claims;
import static dev.vigil.jwt.Fixtures.rs256;
import static dev.vigil.jwt.TestKeys.b64;
import static dev.vigil.jwt.TestKeys.json;
import static dev.vigil.jwt.TestKeys.map;
import static dev.vigil.jwt.TestKeys.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.Base64URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every known way to forge or smuggle a token is refused with its own reason. */
class AttackSuiteTest {
    private static final JwtValidator VALIDATOR = Fixtures.validator();

    @AfterAll
    static void close() {
        VALIDATOR.close();
    }

    static Stream<Arguments> attacks() throws Exception {
        List<Arguments> a = new ArrayList<>();
        String body = b64(json(claims()));
        String valid = Fixtures.valid();
        // alg none and its spellings
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            a.add(Arguments.of("alg " + none, b64("{\"alg\":\"" + none + "\"}") + "." + body + ".", "unsigned_token"));
        }
        a.add(Arguments.of(
                "alg none with a signature",
                b64("{\"alg\":\"none\"}") + "." + body + "." + valid.substring(valid.lastIndexOf('.') + 1),
                "unsigned_token"));
        a.add(Arguments.of("alg missing", b64("{\"typ\":\"JWT\"}") + "." + body + ".c2ln", "malformed_token"));
        a.add(Arguments.of("alg not a string", b64("{\"alg\":[\"RS256\"]}") + "." + body + ".c2ln", "malformed_token"));
        // RS/HS key confusion: HMAC keyed with the issuer's public key
        byte[] publicKeyBytes = TestKeys.RSA.toPublicKey().getEncoded();
        a.add(Arguments.of(
                "HS256 keyed with the RSA public key",
                sign(map("alg", "HS256", "kid", "rsa-1"), claims(), publicKeyBytes),
                "algorithm_not_allowed"));
        a.add(Arguments.of(
                "HS256 keyed with the JWK JSON",
                sign(
                        map("alg", "HS256"),
                        claims(),
                        TestKeys.RSA.toPublicJWK().toJSONString().getBytes()),
                "algorithm_not_allowed"));
        // embedded and remote keys are never used
        var attacker = TestKeys.rsa("attacker", 2048);
        a.add(Arguments.of(
                "embedded jwk",
                sign(
                        map(
                                "alg",
                                "RS256",
                                "kid",
                                "attacker",
                                "jwk",
                                attacker.toPublicJWK().toJSONObject()),
                        claims(),
                        attacker),
                "embedded_key_not_trusted"));
        a.add(Arguments.of(
                "jku",
                sign(map("alg", "RS256", "kid", "attacker", "jku", "http://127.0.0.1:9/jwks"), claims(), attacker),
                "embedded_key_not_trusted"));
        a.add(Arguments.of(
                "x5u",
                sign(map("alg", "RS256", "kid", "attacker", "x5u", "http://127.0.0.1:9/cert"), claims(), attacker),
                "embedded_key_not_trusted"));
        a.add(Arguments.of(
                "x5c",
                sign(map("alg", "RS256", "x5c", List.of("MIIB")), claims(), attacker),
                "embedded_key_not_trusted"));
        a.add(Arguments.of(
                "attacker key, kid of ours",
                sign(map("alg", "RS256", "kid", "rsa-1"), claims(), attacker),
                "invalid_signature"));
        a.add(Arguments.of(
                "same kid, other key",
                sign(map("alg", "RS256", "kid", "rsa-1"), claims(), TestKeys.OTHER_RSA),
                "invalid_signature"));
        // kid injection
        for (String kid : List.of("../../../../../../dev/null", "' OR '1'='1", "rsa-1\u0000", "", "x".repeat(2000))) {
            a.add(Arguments.of(
                    "kid injection " + kid.length(),
                    sign(map("alg", "RS256", "kid", kid), claims(), attacker),
                    "unknown_key_id"));
        }
        // keys are bound to their issuer: the other issuer's key cannot sign for ours
        var otherIssuerKey = TestKeys.rsa("other-1", 2048);
        a.add(Arguments.of(
                "other issuer's kid",
                sign(map("alg", "RS256", "kid", "other-1"), claims(), otherIssuerKey),
                "unknown_key_id"));
        // psychic ECDSA signatures (CVE-2022-21449): r = s = 0
        String ecInput = b64("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}") + "." + body;
        a.add(Arguments.of("psychic ES256 r=s=0", ecInput + "." + Base64URL.encode(new byte[64]), "invalid_signature"));
        byte[] ones = new byte[64];
        Arrays.fill(ones, (byte) 0xff);
        a.add(Arguments.of("ES256 r=s=n-ish", ecInput + "." + Base64URL.encode(ones), "invalid_signature"));
        a.add(Arguments.of(
                "ES256 short signature", ecInput + "." + Base64URL.encode(new byte[8]), "invalid_signature"));
        // ECDSA edge cases in the style of Wycheproof (our own, not its files): r or s equal to the curve order,
        // a DER-encoded signature where JOSE requires r||s, and a signature over other data
        byte[] order =
                java.util.HexFormat.of().parseHex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
        byte[] one = new byte[32];
        one[31] = 1;
        a.add(Arguments.of(
                "ES256 r = n, s = 1", ecInput + "." + Base64URL.encode(concat(order, one)), "invalid_signature"));
        a.add(Arguments.of(
                "ES256 r = 1, s = n", ecInput + "." + Base64URL.encode(concat(one, order)), "invalid_signature"));
        String es = sign(map("alg", "ES256", "kid", "ec-1"), claims(), TestKeys.EC);
        byte[] joseSig = new Base64URL(es.substring(es.lastIndexOf('.') + 1)).decode();
        a.add(Arguments.of(
                "ES256 DER-encoded signature",
                es.substring(0, es.lastIndexOf('.') + 1)
                        + Base64URL.encode(com.nimbusds.jose.crypto.impl.ECDSA.transcodeSignatureToDER(joseSig)),
                "invalid_signature"));
        String other = sign(map("alg", "ES256", "kid", "ec-1"), claims("sub", "mallory"), TestKeys.EC);
        a.add(Arguments.of(
                "ES256 signature of other claims",
                ecInput + other.substring(other.lastIndexOf('.')),
                "invalid_signature"));
        // JWE and PBES2
        a.add(Arguments.of(
                "JWE compact",
                b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128GCM\"}") + ".a.b.c.d",
                "encrypted_token_not_accepted"));
        a.add(Arguments.of(
                "PBES2 p2c abuse",
                b64("{\"alg\":\"PBES2-HS256+A128KW\",\"enc\":\"A128GCM\",\"p2c\":2147483647,"
                                + "\"p2s\":\"AAAAAAAAAAAAAAAAAAAAAA\"}")
                        + ".AAAA.AAAA.AAAA.AAAA",
                "encrypted_token_not_accepted"));
        a.add(Arguments.of(
                "PBES2 in a JWS header",
                b64("{\"alg\":\"PBES2-HS256+A128KW\",\"p2c\":2147483647}") + "." + body + ".c2ln",
                "algorithm_not_allowed"));
        a.add(Arguments.of(
                "enc in a JWS",
                b64("{\"alg\":\"RS256\",\"enc\":\"A128GCM\"}") + "." + body + ".c2ln",
                "encrypted_token_not_accepted"));
        // crit
        a.add(Arguments.of(
                "unknown crit",
                sign(
                        map("alg", "RS256", "kid", "rsa-1", "crit", List.of("x-vigil"), "x-vigil", 1),
                        claims(),
                        TestKeys.RSA),
                "unsupported_critical_header"));
        a.add(Arguments.of(
                "b64 false",
                sign(map("alg", "RS256", "kid", "rsa-1", "b64", false, "crit", List.of("b64")), claims(), TestKeys.RSA),
                "unsupported_critical_header"));
        // algorithms outside the allow-list
        a.add(Arguments.of(
                "RS384 not allowed",
                b64("{\"alg\":\"RS384\",\"kid\":\"rsa-1\"}") + "." + body + ".c2ln",
                "algorithm_not_allowed"));
        a.add(Arguments.of("unknown alg", b64("{\"alg\":\"XX999\"}") + "." + body + ".c2ln", "algorithm_not_allowed"));
        // size, depth, encoding
        a.add(Arguments.of("huge token", rs256(claims("pad", "x".repeat(9000))), "token_too_large"));
        a.add(Arguments.of("deep nesting", rs256(claims("deep", nested(50))), "json_too_deep"));
        a.add(Arguments.of(
                "deep header",
                b64("{\"alg\":\"RS256\",\"x\":" + "[".repeat(20) + "]".repeat(20) + "}") + "." + body + ".c2ln",
                "json_too_deep"));
        a.add(Arguments.of("padding", valid + "==", "non_canonical_encoding"));
        a.add(Arguments.of("padded header", valid.replaceFirst("\\.", "=."), "non_canonical_encoding"));
        a.add(Arguments.of("trailing whitespace", valid + " ", "non_canonical_encoding"));
        a.add(Arguments.of("trailing newline", valid + "\n", "non_canonical_encoding"));
        a.add(Arguments.of("inner whitespace", valid.replaceFirst("\\.", ". "), "non_canonical_encoding"));
        a.add(Arguments.of(
                "standard base64 alphabet", valid.replace('-', '+').replace('_', '/') + "+", "non_canonical_encoding"));
        a.add(Arguments.of("non-zero trailing bits", flipUnusedBits(valid), "non_canonical_encoding"));
        a.add(Arguments.of("length 1 mod 4", valid + "AAA", "non_canonical_encoding"));
        a.add(Arguments.of("extra signature byte", valid + "A", "invalid_signature"));
        a.add(Arguments.of("two segments", valid.substring(0, valid.lastIndexOf('.')), "malformed_token"));
        a.add(Arguments.of("four segments", valid + ".AAAA", "malformed_token"));
        a.add(Arguments.of("empty", "", "malformed_token"));
        a.add(Arguments.of("header not JSON", b64("not json") + "." + body + ".c2ln", "malformed_token"));
        a.add(Arguments.of("payload an array", rs256Raw(b64("[1,2]")), "malformed_token"));
        // tampering
        a.add(Arguments.of(
                "tampered payload",
                valid.substring(0, valid.indexOf('.') + 1)
                        + b64(json(claims("sub", "mallory")))
                        + valid.substring(valid.lastIndexOf('.')),
                "invalid_signature"));
        a.add(Arguments.of("signature removed", valid.substring(0, valid.lastIndexOf('.') + 1), "invalid_signature"));
        // types
        a.add(Arguments.of(
                "typ at+jwt not opted in",
                TestKeys.sign(map("alg", "RS256", "kid", "rsa-1", "typ", "at+jwt"), claims(), TestKeys.RSA),
                "type_not_allowed"));
        a.add(Arguments.of(
                "typ dpop+jwt",
                TestKeys.sign(map("alg", "RS256", "kid", "rsa-1", "typ", "dpop+jwt"), claims(), TestKeys.RSA),
                "type_not_allowed"));
        // weak key
        return a.stream();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Object nested(int depth) {
        Object o = List.of();
        for (int i = 0; i < depth; i++) {
            o = List.of(o);
        }
        return o;
    }

    private static String rs256Raw(String payload) {
        return TestKeys.signRaw(b64("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}"), payload, "RS256", TestKeys.RSA);
    }

    /** RS256 signatures are 342 chars (2 mod 4): the last char carries 4 unused bits. */
    private static String flipUnusedBits(String token) {
        char last = token.charAt(token.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int v = alphabet.indexOf(last);
        return token.substring(0, token.length() - 1) + alphabet.charAt(v ^ 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void attackIsRefusedWithItsReason(String name, String token, String reason) {
        assertThatThrownBy(() -> VALIDATOR.validate(token)).isInstanceOfSatisfying(TokenRejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.status()).isEqualTo(401);
        });
    }

    @Test
    void weakRsaKeyIsNeverUsed() {
        var weak = TestKeys.rsa("weak", 1024);
        try (JwtValidator v = JwtValidator.create(Fixtures.config()
                .trust(TrustedIssuer.keys("https://weak.test", TestKeys.publicSet(weak)))
                .build())) {
            String token = sign(map("alg", "RS256", "kid", "weak"), claims("iss", "https://weak.test"), weak);
            assertThatThrownBy(() -> v.validate(token))
                    .isInstanceOfSatisfying(
                            TokenRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo("no_matching_key"));
        }
    }

    @Test
    void keyWithAnotherAlgOrUseIsNotUsed() throws Exception {
        var encKey = new com.nimbusds.jose.jwk.RSAKey.Builder(TestKeys.rsa("enc", 2048))
                .keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION)
                .build();
        var psOnly = new com.nimbusds.jose.jwk.RSAKey.Builder(TestKeys.rsa("ps", 2048))
                .algorithm(com.nimbusds.jose.JWSAlgorithm.PS256)
                .build();
        try (JwtValidator v = JwtValidator.create(Fixtures.config()
                .trust(TrustedIssuer.keys("https://k.test", TestKeys.publicSet(encKey, psOnly)))
                .build())) {
            for (var key : List.of(encKey, psOnly)) {
                String token = sign(map("alg", "RS256", "kid", key.getKeyID()), claims("iss", "https://k.test"), key);
                assertThatThrownBy(() -> v.validate(token))
                        .isInstanceOfSatisfying(
                                TokenRejectedException.class,
                                e -> assertThat(e.reason()).isEqualTo("no_matching_key"));
            }
        }
    }

    @Test
    void hmacIssuerCannotBeReachedThroughAnRsaIssuersName() throws Exception {
        java.nio.file.Path secret = java.nio.file.Files.createTempFile("hmac", ".key");
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        java.nio.file.Files.write(secret, key);
        try (JwtValidator v = JwtValidator.create(Fixtures.config()
                .trust(TrustedIssuer.hmacSecretFile("https://hmac.test", secret).withAlgorithms(Fixtures.set("HS256")))
                .build())) {
            // the HMAC issuer itself works
            assertThat(v.validate(sign(map("alg", "HS256"), claims("iss", "https://hmac.test"), key))
                            .getName())
                    .isEqualTo("alice");
            // HS256 naming the RSA issuer is refused even though HS256 is allowed somewhere
            String confused = sign(
                    map("alg", "HS256", "kid", "rsa-1"),
                    claims(),
                    TestKeys.RSA.toPublicKey().getEncoded());
            assertThatThrownBy(() -> v.validate(confused))
                    .isInstanceOfSatisfying(
                            TokenRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo("algorithm_not_allowed"));
        } finally {
            java.nio.file.Files.delete(secret);
        }
    }

    @Test
    void everyAllowedAlgorithmVerifies() throws Exception {
        var c = claims();
        assertThat(VALIDATOR
                        .validate(sign(map("alg", "RS256", "kid", "rsa-1"), c, TestKeys.RSA))
                        .getName())
                .isEqualTo("alice");
        assertThat(VALIDATOR
                        .validate(sign(map("alg", "PS256", "kid", "rsa-1"), c, TestKeys.RSA))
                        .getName())
                .isEqualTo("alice");
        assertThat(VALIDATOR
                        .validate(sign(map("alg", "ES256", "kid", "ec-1"), c, TestKeys.EC))
                        .getName())
                .isEqualTo("alice");
        assertThat(VALIDATOR
                        .validate(sign(map("alg", "EdDSA", "kid", "ed-1"), c, TestKeys.ED.getPrivate()))
                        .getName())
                .isEqualTo("alice");
        assertThat(VALIDATOR
                        .validate(sign(map("alg", "RS256"), claims("jti", "no-kid"), TestKeys.RSA))
                        .scopes())
                .containsExactlyInAnyOrder("orders:read", "orders:write");
    }

    @Test
    void expiryFarInTheFutureIsRefusedEvenWithoutIat() {
        String token = rs256(claims("iat", null, "exp", 253402300799L));
        assertThatThrownBy(() -> VALIDATOR.validate(token))
                .isInstanceOfSatisfying(
                        TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo("lifetime_too_long"));
    }
}
