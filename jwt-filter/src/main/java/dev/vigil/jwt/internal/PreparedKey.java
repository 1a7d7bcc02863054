package dev.vigil.jwt.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/** A trusted key with its verifier built once, so that a verification costs only the signature check. */
public final class PreparedKey {
    private static final byte[] ED25519_X509_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };

    private final JWK jwk;
    private final JWSVerifier verifier;
    private final PublicKey ed25519;

    private PreparedKey(JWK jwk, JWSVerifier verifier, PublicKey ed25519) {
        this.jwk = jwk;
        this.verifier = verifier;
        this.ed25519 = ed25519;
    }

    /** Builds the verifier for a public (or secret, for HMAC) key; returns null for a key type we never use. */
    public static PreparedKey of(JWK jwk) throws JOSEException, GeneralSecurityException {
        if (jwk instanceof RSAKey rsa) {
            return new PreparedKey(jwk, new RSASSAVerifier(rsa.toRSAPublicKey()), null);
        }
        if (jwk instanceof ECKey ec) {
            return new PreparedKey(jwk, new ECDSAVerifier(ec.toECPublicKey()), null);
        }
        if (jwk instanceof OctetSequenceKey oct) {
            return new PreparedKey(jwk, new MACVerifier(oct.toByteArray()), null);
        }
        if (jwk instanceof OctetKeyPair okp && "Ed25519".equals(okp.getCurve().getName())) {
            byte[] x = okp.getX().decode();
            byte[] der = new byte[ED25519_X509_PREFIX.length + x.length];
            System.arraycopy(ED25519_X509_PREFIX, 0, der, 0, ED25519_X509_PREFIX.length);
            System.arraycopy(x, 0, der, ED25519_X509_PREFIX.length, x.length);
            PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            return new PreparedKey(jwk, null, pub);
        }
        return null;
    }

    public JWK jwk() {
        return jwk;
    }

    /** {@link KeyFit#fits} for this key, decided once per supported algorithm (an RSA key's size is not cheap). */
    public boolean fits(String alg) {
        if (!KeyFit.SUPPORTED.contains(alg)) {
            return KeyFit.fits(jwk, alg);
        }
        Boolean known = fitsByAlg.get(alg);
        if (known == null) {
            known = KeyFit.fits(jwk, alg);
            fitsByAlg.put(alg, known);
        }
        return known;
    }

    private final java.util.concurrent.ConcurrentMap<String, Boolean> fitsByAlg =
            new java.util.concurrent.ConcurrentHashMap<>();

    public String kid() {
        return jwk.getKeyID();
    }

    /** Verifies the signature; never throws for a bad signature, only answers false. */
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
        try {
            if (ed25519 != null) {
                Signature sig = Signature.getInstance("Ed25519");
                sig.initVerify(ed25519);
                sig.update(signingInput);
                return sig.verify(signature.decode());
            }
            return verifier.verify(header, signingInput, signature);
        } catch (JOSEException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
