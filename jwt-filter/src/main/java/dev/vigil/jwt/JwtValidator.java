package dev.vigil.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import dev.vigil.jwt.internal.HttpFetcher;
import dev.vigil.jwt.internal.IssuerKeys;
import dev.vigil.jwt.internal.JwtMetrics;
import dev.vigil.jwt.internal.KeySource;
import dev.vigil.jwt.internal.Reason;
import dev.vigil.jwt.internal.TokenRejection;
import dev.vigil.jwt.internal.TokenVerifier;
import dev.vigil.jwt.internal.VerifiedClaims;
import dev.vigil.jwt.internal.VerifierSettings;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Validates access tokens against the trusted issuers of a {@link JwtFilterConfig}, without any servlet
 * machinery: the filter uses it, and so can message consumers or tests. Thread-safe; close it to stop its
 * key-fetching thread.
 */
public final class JwtValidator implements AutoCloseable {
    private final TokenVerifier verifier;
    private final Map<String, IssuerKeys> keys;
    private final ExecutorService fetcher;
    private final JwtMetrics metrics;
    private final int retryAfterSeconds;

    private JwtValidator(
            JwtFilterConfig config,
            String extraIssuer,
            JWKSet extraKeys,
            Set<String> extraAlgorithms,
            TokenVerifier.Revocations revocations,
            JwtMetrics metrics) {
        this.metrics = metrics;
        this.fetcher = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "vigil-jwt-keys");
            t.setDaemon(true);
            return t;
        });
        HttpFetcher http = new HttpFetcher(config.keySetPolicy().fetchTimeout());
        Map<String, TokenVerifier.Trusted> trusted = new LinkedHashMap<>();
        Map<String, IssuerKeys> byIssuer = new LinkedHashMap<>();
        Set<String> allAlgorithms = new HashSet<>(config.algorithms());
        for (TrustedIssuer t : config.issuers()) {
            KeySource source = switch (t.kind()) {
                case JWKS_URI -> KeySource.jwksUri(t.uri(), http);
                case DISCOVERY -> KeySource.discovery(t.issuer(), t.uri(), http);
                case JWKS_FILE -> KeySource.jwksFile(t.file());
                case PEM_FILE -> KeySource.pemFile(t.file());
                case HMAC_SECRET_FILE -> KeySource.hmacSecretFile(t.file());
                case KEYS -> KeySource.fixed(t.keys(), "keys given in code");
            };
            Set<String> algs = t.algorithms() != null ? t.algorithms() : config.algorithms();
            allAlgorithms.addAll(algs);
            IssuerKeys ik = new IssuerKeys(t.issuer(), source, config.keySetPolicy(), config.clock(), fetcher, metrics);
            byIssuer.put(t.issuer(), ik);
            trusted.put(t.issuer(), new TokenVerifier.Trusted(ik, algs, config.acceptedTypes()));
        }
        if (extraIssuer != null) {
            IssuerKeys ik = new IssuerKeys(
                    extraIssuer,
                    KeySource.fixed(extraKeys, "session issuer"),
                    config.keySetPolicy(),
                    config.clock(),
                    fetcher,
                    metrics);
            byIssuer.put(extraIssuer, ik);
            // session tokens are always RFC 9068 access tokens: only at+jwt, for this issuer only
            trusted.put(extraIssuer, new TokenVerifier.Trusted(ik, extraAlgorithms, Set.of("at+jwt")));
            allAlgorithms.addAll(extraAlgorithms);
        }
        VerifierSettings settings = new VerifierSettings(
                Set.copyOf(allAlgorithms),
                config.audiences(),
                config.clockSkew(),
                config.maxLifetime(),
                config.requiredClaims(),
                config.rolesClaim(),
                config.cacheEnabled(),
                config.cacheMaxEntries());
        this.verifier = new TokenVerifier(settings, trusted, revocations, config.clock(), metrics);
        this.keys = byIssuer;
        this.retryAfterSeconds =
                (int) Math.max(1, config.keySetPolicy().retryAfter().toSeconds());
    }

    /** A validator for the configuration's trusted issuers (no sessions). */
    public static JwtValidator create(JwtFilterConfig config) {
        return new JwtValidator(
                config, null, null, null, TokenVerifier.Revocations.NONE, new JwtMetrics(config.meterRegistry()));
    }

    static JwtValidator withSessionIssuer(
            JwtFilterConfig config,
            String issuer,
            JWKSet publicKeys,
            Set<String> algorithms,
            TokenVerifier.Revocations revocations,
            JwtMetrics metrics) {
        return new JwtValidator(config, issuer, publicKeys, algorithms, revocations, metrics);
    }

    /** Fetches every issuer's keys now, so that a misconfigured key source shows in the start-up log. */
    public void prefetch() {
        keys.values().forEach(IssuerKeys::prefetch);
    }

    /**
     * Validates a compact JWS.
     *
     * @throws TokenRejectedException with a stable reason code when the token is refused
     */
    public JwtPrincipal validate(String token) throws TokenRejectedException {
        try {
            VerifiedClaims c = verifier.verify(token);
            return new JwtPrincipal(
                    c.subject(),
                    c.issuer(),
                    c.scopes(),
                    c.claims(),
                    Instant.ofEpochMilli(c.expiresAtMillis()),
                    c.jti());
        } catch (TokenRejection e) {
            throw rejected(e);
        }
    }

    /** Internal form for the filter, which also needs the DPoP confirmation. */
    VerifiedClaims verify(String token) throws TokenRejection {
        return verifier.verify(token);
    }

    static JwtPrincipal principal(VerifiedClaims c) {
        return new JwtPrincipal(
                c.subject(), c.issuer(), c.scopes(), c.claims(), Instant.ofEpochMilli(c.expiresAtMillis()), c.jti());
    }

    static TokenRejectedException rejected(TokenRejection e) {
        Reason r = e.reason();
        return new TokenRejectedException(r.code(), r.status(), e.getMessage());
    }

    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    JwtMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        fetcher.shutdownNow();
    }
}
