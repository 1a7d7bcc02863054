package dev.vigil.jwt.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.Set;

/** Decides whether a key may verify a signature made with a given algorithm: kty, curve, size, alg and use. */
public final class KeyFit {
    /** Algorithms this module can verify at all. */
    public static final Set<String> SUPPORTED = Set.of(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519",
            "HS256", "HS384", "HS512");

    private static final int MIN_RSA_BITS = 2048;

    private KeyFit() {}

    public static boolean fits(JWK key, String alg) {
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg)) {
            return false;
        }
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return false;
        }
        if (key.getKeyOperations() != null && !key.getKeyOperations().contains(KeyOperation.VERIFY)) {
            return false;
        }
        if (alg.startsWith("RS") || alg.startsWith("PS")) {
            return key instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS;
        }
        if (alg.startsWith("ES")) {
            return key instanceof ECKey ec && ec.getCurve().equals(curveFor(alg));
        }
        if (alg.equals("EdDSA") || alg.equals("Ed25519")) {
            return key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve());
        }
        if (alg.startsWith("HS")) {
            int bits = Integer.parseInt(alg.substring(2));
            return key instanceof OctetSequenceKey oct && oct.size() >= bits;
        }
        return false;
    }

    static Curve curveFor(String alg) {
        return switch (alg) {
            case "ES256" -> Curve.P_256;
            case "ES384" -> Curve.P_384;
            case "ES512" -> Curve.P_521;
            default -> null;
        };
    }

    static JWSAlgorithm parse(String alg) {
        return JWSAlgorithm.parse(alg);
    }
}
