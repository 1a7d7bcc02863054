package dev.vigil.bench.jwt;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.vigil.jwt.JwtValidator;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * EdDSA (Ed25519): Vigil verifies with the JDK's Ed25519. nimbus and Spring need Google Tink for Ed25519, which is
 * not on this benchmark's classpath, so they are not compared here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EdDsaBenchmark {
    private KeyPair pair;
    private String token;
    private byte[] input;
    private byte[] signature;
    private JwtValidator uncached;
    private JwtValidator cached;

    @Setup
    public void setUp() throws Exception {
        pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        long now = System.currentTimeMillis() / 1000;
        String header = b64("{\"alg\":\"EdDSA\",\"kid\":\"ed\",\"typ\":\"JWT\"}");
        String claims = b64("{\"iss\":\"" + BenchTokens.ISSUER + "\",\"sub\":\"alice\",\"aud\":\""
                + BenchTokens.AUDIENCE + "\",\"iat\":" + now + ",\"exp\":" + (now + 43200)
                + ",\"jti\":\"j\",\"scope\":\"orders:read\"}");
        input = (header + "." + claims).getBytes(StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(pair.getPrivate());
        s.update(input);
        signature = s.sign();
        token = header + "." + claims + "." + Base64URL.encode(signature);
        byte[] x = Arrays.copyOfRange(pair.getPublic().getEncoded(), 12, 44);
        JWKSet keys = new JWKSet(new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x))
                .keyID("ed")
                .build());
        uncached = BenchTokens.vigil(keys, false);
        cached = BenchTokens.vigil(keys, true);
        uncached.validate(token);
        cached.validate(token);
    }

    private static String b64(String s) {
        return Base64URL.encode(s.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @TearDown
    public void tearDown() {
        uncached.close();
        cached.close();
    }

    @Benchmark
    public boolean rawJdkVerify() throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(pair.getPublic());
        s.update(input);
        return s.verify(signature);
    }

    @Benchmark
    public Object vigilUncached() throws Exception {
        return uncached.validate(token);
    }

    @Benchmark
    public Object vigilCached() throws Exception {
        return cached.validate(token);
    }
}
