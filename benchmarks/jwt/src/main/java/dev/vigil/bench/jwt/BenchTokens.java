package dev.vigil.bench.jwt;

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
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.vigil.jwt.JwtFilterConfig;
import dev.vigil.jwt.JwtValidator;
import dev.vigil.jwt.TrustedIssuer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Date;
import java.util.List;

/** Keys and one realistic access token per algorithm (iss, sub, aud, iat, exp, jti, scope). */
final class BenchTokens {
    static final String ISSUER = "https://idp.bench.test";
    static final String AUDIENCE = "orders-api";

    final JWK key;
    final String token;

    BenchTokens(String alg) throws Exception {
        JWSSigner signer;
        if (alg.startsWith("ES")) {
            ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
            key = ec;
            signer = new ECDSASigner(ec);
        } else {
            RSAKey rsa = new RSAKeyGenerator(2048).keyID("k1").generate();
            key = rsa;
            signer = new RSASSASigner(rsa);
        }
        long now = System.currentTimeMillis();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.parse(alg))
                        .keyID("k1")
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .subject("alice")
                        .audience(AUDIENCE)
                        .issueTime(new Date(now))
                        .expirationTime(new Date(now + 12 * 3600_000L))
                        .jwtID("jti-1")
                        .claim("scope", "orders:read orders:write")
                        .build());
        jwt.sign(signer);
        token = jwt.serialize();
    }

    JWKSet publicSet() {
        return new JWKSet(key.toPublicJWK());
    }

    static JwtValidator vigil(JWKSet keys, boolean cache) {
        return JwtValidator.create(JwtFilterConfig.builder()
                .audience(AUDIENCE)
                .trust(TrustedIssuer.keys(ISSUER, keys))
                .cache(cache, 10_000)
                .meterRegistry(new SimpleMeterRegistry())
                .build());
    }

    static List<String> none() {
        return List.of();
    }
}
