package dev.vigil.jwt;

import static dev.vigil.jwt.TestKeys.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import dev.vigil.jwt.internal.HttpFetcher;
import dev.vigil.jwt.internal.IssuerKeys;
import dev.vigil.jwt.internal.JwtMetrics;
import dev.vigil.jwt.internal.KeySetPolicy;
import dev.vigil.jwt.internal.KeySource;
import dev.vigil.jwt.internal.TokenRejection;
import dev.vigil.jwt.internal.TokenVerifier;
import dev.vigil.jwt.internal.VerifierSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A symmetric ({@code oct}) key served by a JWKS URL or found through discovery is anyone's secret: it is never
 * trusted as an HMAC key, even when the issuer's algorithms allow HS256 (which configuration refuses anyway).
 */
class RemoteSecretKeysIT {
    private static final byte[] SECRET = new byte[32];

    static {
        new SecureRandom().nextBytes(SECRET);
    }

    private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
    private final Logger sourceLogger = Logger.getLogger("dev.vigil.jwt.internal.KeySource");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logs.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final ExecutorService fetchThreads = Executors.newCachedThreadPool();
    private JwksServer idp;

    @BeforeEach
    void start() throws Exception {
        sourceLogger.addHandler(capture);
        JWK oct = new OctetSequenceKey.Builder(SECRET).keyID("shared-1").build();
        idp = new JwksServer(new JWKSet(List.of(TestKeys.RSA.toPublicJWK(), oct)).toString(false));
    }

    @AfterEach
    void stop() {
        sourceLogger.removeHandler(capture);
        fetchThreads.shutdownNow();
        idp.close();
    }

    private String reason(TokenVerifier verifier, String token) {
        try {
            verifier.verify(token);
            return "accepted";
        } catch (TokenRejection e) {
            return e.reason().code();
        }
    }

    /** A verifier for the IdP's issuer with RS256 and HS256 allowed, keys from the given remote source. */
    private TokenVerifier verifier(String issuer, Function<HttpFetcher, KeySource> source) {
        JwtMetrics metrics = new JwtMetrics(new SimpleMeterRegistry());
        IssuerKeys keys = new IssuerKeys(
                issuer,
                source.apply(new HttpFetcher(Duration.ofSeconds(5))),
                KeySetPolicy.defaults(),
                Clock.systemUTC(),
                fetchThreads,
                metrics);
        Set<String> algorithms = Set.of("RS256", "HS256");
        return new TokenVerifier(
                new VerifierSettings(
                        algorithms,
                        Set.of(),
                        Duration.ofSeconds(60),
                        Duration.ofHours(24),
                        Set.of("sub"),
                        "scope",
                        false,
                        16),
                Map.of(issuer, new TokenVerifier.Trusted(keys, algorithms, Set.of("none", "JWT"))),
                TokenVerifier.Revocations.NONE,
                Clock.systemUTC(),
                metrics);
    }

    private static Map<String, Object> claims(String issuer) {
        long now = System.currentTimeMillis() / 1000;
        return map("iss", issuer, "sub", "mallory", "iat", now, "exp", now + 300);
    }

    @Test
    void anOctKeyFromAJwksUriNeverVerifiesAnHmacToken() {
        String issuer = "https://remote-oct.example.test";
        TokenVerifier verifier = verifier(issuer, http -> KeySource.jwksUri(idp.uri(), http));
        String rsa = TestKeys.sign(map("alg", "RS256", "kid", "rsa-1"), claims(issuer), TestKeys.RSA);
        assertThat(reason(verifier, rsa)).isEqualTo("accepted"); // the set itself is used
        String forged = TestKeys.sign(map("alg", "HS256", "kid", "shared-1"), claims(issuer), SECRET);
        assertThat(reason(verifier, forged)).isEqualTo("unknown_key_id");
        String forgedNoKid = TestKeys.sign(map("alg", "HS256"), claims(issuer), SECRET);
        assertThat(reason(verifier, forgedNoKid)).isEqualTo("no_matching_key");
        assertThat(warnings())
                .containsExactly("vigil-jwt: ignoring the symmetric (oct) key kid=shared-1 served by " + idp.uri()
                        + ": HMAC keys are trusted only from an hmac-secret-file or keys given in code");
    }

    @Test
    void anOctKeyFoundThroughDiscoveryNeverVerifiesAnHmacToken() {
        String issuer = idp.base();
        TokenVerifier verifier =
                verifier(issuer, http -> KeySource.discovery(issuer, java.net.URI.create(issuer), http));
        String forged = TestKeys.sign(map("alg", "HS256", "kid", "shared-1"), claims(issuer), SECRET);
        assertThat(reason(verifier, forged)).isEqualTo("unknown_key_id");
        assertThat(reason(verifier, forged)).isEqualTo("unknown_key_id");
        assertThat(reason(verifier, TestKeys.sign(map("alg", "RS256", "kid", "rsa-1"), claims(issuer), TestKeys.RSA)))
                .isEqualTo("accepted");
        assertThat(warnings()).hasSize(1).allMatch(w -> !w.contains(OctetSequenceKey.Builder.class.getName()));
        assertThat(String.join("\n", warnings()))
                .doesNotContain(com.nimbusds.jose.util.Base64URL.encode(SECRET).toString());
    }

    @Test
    void configurationRefusesHmacAlgorithmsForAnIssuerWhoseKeysComeOverTheNetwork() {
        assertThatThrownBy(() -> JwtFilterConfig.builder()
                        .trust(TrustedIssuer.jwksUri("https://a.example.test", idp.uri())
                                .withAlgorithms(Set.of("RS256", "HS256")))
                        .trust(TrustedIssuer.discovery("https://b.example.test").withAlgorithms(Set.of("HS384")))
                        .acceptAnyAudience(true)
                        .build())
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "issuer 'https://a.example.test' gets its keys through jwks-uri: HMAC algorithms"
                                                + " (HS256, HS384, HS512) need vigil.jwt.trust.N.hmac-secret-file or keys"
                                                + " given in code",
                                        "issuer 'https://b.example.test' gets its keys through discovery: HMAC algorithms"
                                                + " (HS256, HS384, HS512) need vigil.jwt.trust.N.hmac-secret-file or keys"
                                                + " given in code"));
    }

    private List<String> warnings() {
        return logs.stream()
                .filter(r -> r.getLevel() == Level.WARNING)
                .map(r -> new SimpleFormatter().formatMessage(r))
                .toList();
    }
}
