package dev.vigil.bench.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.vigil.jwt.JwtValidator;
import dev.vigil.jwt.TokenRejectedException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Rejections that need no cryptography, against the same rejections in nimbus and Spring. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RejectBenchmark {
    @Param({"alg-none", "too-large", "non-canonical", "untrusted-issuer", "unknown-kid", "jwe", "garbage"})
    public String attack;

    private String token;
    private JwtValidator vigil;
    private DefaultJWTProcessor<SecurityContext> nimbus;
    private NimbusJwtDecoder spring;

    @Setup
    public void setUp() throws Exception {
        BenchTokens t = new BenchTokens("RS256");
        String valid = t.token;
        String claims = valid.substring(valid.indexOf('.') + 1, valid.lastIndexOf('.'));
        token = switch (attack) {
            case "alg-none" -> b64("{\"alg\":\"none\"}") + "." + claims + ".";
            case "too-large" ->
                valid.substring(0, valid.indexOf('.') + 1) + "A".repeat(9000) + valid.substring(valid.lastIndexOf('.'));
            case "non-canonical" -> valid + "==";
            case "untrusted-issuer" ->
                valid.substring(0, valid.indexOf('.') + 1)
                        + b64("{\"iss\":\"https://evil.test\",\"sub\":\"x\",\"exp\":9999999999}")
                        + valid.substring(valid.lastIndexOf('.'));
            case "unknown-kid" ->
                b64("{\"alg\":\"RS256\",\"kid\":\"nope\"}") + "." + claims + valid.substring(valid.lastIndexOf('.'));
            case "jwe" -> b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128GCM\"}") + ".AAAA.AAAA.AAAA.AAAA";
            default -> "not-a-token";
        };
        vigil = BenchTokens.vigil(t.publicSet(), true);
        nimbus = new DefaultJWTProcessor<>();
        nimbus.setJWSKeySelector(
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(t.publicSet())));
        DefaultJWTProcessor<SecurityContext> forSpring = new DefaultJWTProcessor<>();
        forSpring.setJWSKeySelector(
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(t.publicSet())));
        forSpring.setJWTClaimsSetVerifier((c, ctx) -> {});
        spring = new NimbusJwtDecoder(forSpring);
        if (!vigilReject().startsWith("rejected")) {
            throw new IllegalStateException(attack + " was accepted by vigil");
        }
    }

    private static String b64(String s) {
        return Base64URL.encode(s.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @TearDown
    public void tearDown() {
        vigil.close();
    }

    @Benchmark
    public String vigilReject() {
        try {
            vigil.validate(token);
            return "accepted";
        } catch (TokenRejectedException e) {
            return "rejected " + e.reason();
        }
    }

    @Benchmark
    public Object nimbusReject() {
        try {
            return nimbus.process(token, null);
        } catch (Exception e) {
            return e;
        }
    }

    @Benchmark
    public Object springReject() {
        try {
            return spring.decode(token);
        } catch (JwtException e) {
            return e;
        }
    }
}
