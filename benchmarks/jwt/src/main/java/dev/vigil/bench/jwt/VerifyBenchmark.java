package dev.vigil.bench.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.vigil.jwt.JwtValidator;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
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
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * One valid token per algorithm through: the raw JDK signature check (the floor), Vigil uncached and cached,
 * nimbus's DefaultJWTProcessor, and Spring Security's NimbusJwtDecoder — all with an in-memory key set.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VerifyBenchmark {
    @Param({"RS256", "PS256", "ES256"})
    public String alg;

    private String token;
    private byte[] signingInput;
    private byte[] signature;
    private PublicKey publicKey;
    private String jdkAlgorithm;
    private JwtValidator vigilUncached;
    private JwtValidator vigilCached;
    private DefaultJWTProcessor<SecurityContext> nimbus;
    private NimbusJwtDecoder spring;

    @Setup
    public void setUp() throws Exception {
        BenchTokens t = new BenchTokens(alg);
        token = t.token;
        int lastDot = token.lastIndexOf('.');
        signingInput = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        byte[] jose = new Base64URL(token.substring(lastDot + 1)).decode();
        if (alg.startsWith("ES")) {
            publicKey = ((ECKey) t.key).toECPublicKey();
            signature = ECDSA.transcodeSignatureToDER(jose);
            jdkAlgorithm = "SHA256withECDSA";
        } else {
            publicKey = ((RSAKey) t.key).toRSAPublicKey();
            signature = jose;
            jdkAlgorithm = alg.equals("PS256") ? "RSASSA-PSS" : "SHA256withRSA";
        }
        vigilUncached = BenchTokens.vigil(t.publicSet(), false);
        vigilCached = BenchTokens.vigil(t.publicSet(), true);
        nimbus = processor(t, true);
        DefaultJWTProcessor<SecurityContext> forSpring = processor(t, false);
        spring = new NimbusJwtDecoder(forSpring);
        // every contender must accept the token before we time it
        vigilUncached.validate(token);
        vigilCached.validate(token);
        nimbus.process(token, null);
        spring.decode(token);
        if (!rawJdkVerify()) {
            throw new IllegalStateException("raw verify failed for " + alg);
        }
    }

    private static DefaultJWTProcessor<SecurityContext> processor(BenchTokens t, boolean nimbusClaimsCheck) {
        return configure(new DefaultJWTProcessor<>(), t, nimbusClaimsCheck);
    }

    private static DefaultJWTProcessor<SecurityContext> configure(
            DefaultJWTProcessor<SecurityContext> p, BenchTokens t, boolean nimbusClaimsCheck) {
        JWSAlgorithm a = JWSAlgorithm.parse(headerAlg(t.token)); // exactly the token's algorithm
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(a, new ImmutableJWKSet<>(t.publicSet())));
        if (!nimbusClaimsCheck) {
            p.setJWTClaimsSetVerifier((claims, context) -> {}); // as Spring's builders do: Spring validates
        }
        return p;
    }

    private static String headerAlg(String token) {
        String header =
                new String(new Base64URL(token.substring(0, token.indexOf('.'))).decode(), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"alg\":\"([^\"]+)\".*", "$1");
    }

    @TearDown
    public void tearDown() {
        vigilUncached.close();
        vigilCached.close();
    }

    @Benchmark
    public boolean rawJdkVerify() throws Exception {
        Signature s = Signature.getInstance(jdkAlgorithm);
        if (jdkAlgorithm.equals("RSASSA-PSS")) {
            s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        }
        s.initVerify(publicKey);
        s.update(signingInput);
        return s.verify(signature);
    }

    @Benchmark
    public Object vigilUncached() throws Exception {
        return vigilUncached.validate(token);
    }

    @Benchmark
    public Object vigilCached() throws Exception {
        return vigilCached.validate(token);
    }

    @Benchmark
    public Object nimbusDefaultJwtProcessor() throws Exception {
        return nimbus.process(token, null);
    }

    @Benchmark
    public Object springNimbusJwtDecoder() {
        return spring.decode(token);
    }
}
