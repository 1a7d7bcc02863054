package dev.vigil.jwt.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Date;
import java.util.Map;
import java.util.Set;

/** Signs first-party RFC 9068 access tokens ({@code typ at+jwt}) with a key from a JWK file or generated at start. */
public final class AccessTokenSigner {
    private final String issuer;
    private final JWK key;
    private final JWSAlgorithm alg;
    private final JWSSigner signer;

    private AccessTokenSigner(String issuer, JWK key) throws JOSEException {
        this.issuer = issuer;
        this.key = key;
        if (key instanceof RSAKey rsa) {
            this.alg = JWSAlgorithm.RS256;
            this.signer = new RSASSASigner(rsa);
        } else if (key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            this.alg = JWSAlgorithm.ES256;
            this.signer = new ECDSASigner(ec);
        } else {
            throw new JOSEException("session key must be an RSA or EC P-256 private JWK");
        }
    }

    public static AccessTokenSigner load(String issuer, Path keyFile) throws IOException {
        try {
            JWK jwk = JWK.parse(Files.readString(keyFile));
            if (!jwk.isPrivate()) {
                throw new IOException(keyFile + " holds no private key");
            }
            if (jwk.getKeyID() == null) {
                jwk = jwk instanceof RSAKey r
                        ? new RSAKey.Builder(r).keyIDFromThumbprint().build()
                        : new ECKey.Builder((ECKey) jwk).keyIDFromThumbprint().build();
            }
            return new AccessTokenSigner(issuer, jwk);
        } catch (ParseException | JOSEException | ClassCastException e) {
            throw new IOException(keyFile + ": " + e.getMessage(), e);
        }
    }

    public static AccessTokenSigner generate(String issuer) {
        try {
            return new AccessTokenSigner(
                    issuer,
                    new RSAKeyGenerator(2048)
                            .keyUse(KeyUse.SIGNATURE)
                            .keyIDFromThumbprint(true)
                            .generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a session signing key", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String algorithm() {
        return alg.getName();
    }

    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    public String sign(
            String subject,
            Set<String> audience,
            Set<String> scopes,
            String familyId,
            String jti,
            String dpopThumbprint,
            long nowMillis,
            long expiresAtMillis) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .issueTime(new Date(nowMillis / 1000 * 1000))
                .expirationTime(new Date(expiresAtMillis / 1000 * 1000))
                .jwtID(jti)
                .claim("sid", familyId)
                .claim("scope", String.join(" ", scopes));
        if (!audience.isEmpty()) {
            claims.audience(java.util.List.copyOf(audience));
        }
        if (dpopThumbprint != null) {
            claims.claim("cnf", Map.of("jkt", dpopThumbprint));
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(alg)
                        .type(new JOSEObjectType("at+jwt"))
                        .keyID(key.getKeyID())
                        .build(),
                claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return jwt.serialize();
    }
}
