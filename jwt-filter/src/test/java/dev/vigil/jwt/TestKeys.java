package dev.vigil.jwt;

import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Test keys and a raw JWS builder that lets tests write any header, including hostile ones. */
final class TestKeys {
    static final RSAKey RSA = rsa("rsa-1", 2048);
    static final RSAKey OTHER_RSA = rsa("rsa-1", 2048); // same kid, different key
    static final ECKey EC = ec("ec-1");
    static final KeyPair ED = ed25519();
    static final OctetKeyPair ED_JWK = new OctetKeyPair.Builder(
                    Curve.Ed25519,
                    Base64URL.encode(Arrays.copyOfRange(ED.getPublic().getEncoded(), 12, 44)))
            .keyID("ed-1")
            .build();

    private TestKeys() {}

    static RSAKey rsa(String kid, int bits) {
        try {
            return new RSAKeyGenerator(bits, bits < 2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JWKSet publicSet(JWK... keys) {
        return new JWKSet(Arrays.stream(keys).map(JWK::toPublicJWK).toList());
    }

    static String b64(String s) {
        return Base64URL.encode(s.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String json(Map<String, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) map;
        return JSONObjectUtils.toJSONString(m);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Signs header.payload as given; alg picks the primitive, key must fit it. */
    static String sign(Map<String, ?> header, Map<String, ?> claims, Object key) {
        return signRaw(b64(json(header)), b64(json(claims)), (String) header.get("alg"), key);
    }

    static String signRaw(String header, String payload, String alg, Object key) {
        byte[] input = (header + "." + payload).getBytes(StandardCharsets.US_ASCII);
        try {
            byte[] sig;
            switch (alg) {
                case "RS256" -> sig = jdk("SHA256withRSA", ((RSAKey) key).toPrivateKey(), input);
                case "PS256" -> {
                    Signature s = Signature.getInstance("RSASSA-PSS");
                    s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                    s.initSign(((RSAKey) key).toPrivateKey());
                    s.update(input);
                    sig = s.sign();
                }
                case "ES256" ->
                    sig = ECDSA.transcodeSignatureToConcat(
                            jdk("SHA256withECDSA", ((ECKey) key).toPrivateKey(), input), 64);
                case "EdDSA", "Ed25519" -> sig = jdk("Ed25519", (PrivateKey) key, input);
                case "HS256" -> {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec((byte[]) key, "HmacSHA256"));
                    sig = mac.doFinal(input);
                }
                default -> throw new IllegalArgumentException(alg);
            }
            return header + "." + payload + "." + Base64URL.encode(sig);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] jdk(String alg, PrivateKey key, byte[] input) throws Exception {
        Signature s = Signature.getInstance(alg);
        s.initSign(key);
        s.update(input);
        return s.sign();
    }

    static List<String> aud(String... a) {
        return List.of(a);
    }

    /** A temporary file holding a private RSA JWK, as {@code vigil.jwt.session.key-file} shared by instances. */
    static java.nio.file.Path sessionKeyFile() throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("session-key", ".jwk");
        java.nio.file.Files.writeString(file, rsa("session-1", 2048).toJSONString());
        return file;
    }
}
