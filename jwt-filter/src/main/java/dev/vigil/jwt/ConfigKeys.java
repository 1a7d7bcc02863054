package dev.vigil.jwt;

import dev.vigil.jwt.internal.KeySetPolicy;
import dev.vigil.jwt.internal.PropertyReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Maps {@code vigil.jwt.*} keys onto the builder; every key is documented in the module README. */
final class ConfigKeys {
    private ConfigKeys() {}

    static JwtFilterConfig.Builder read(PropertyReader r, JwtFilterConfig.Builder b) {
        r.string("vigil.jwt.config-file", null); // consumed by the filter before we get here
        b.realm(r.string("vigil.jwt.realm", "vigil"));
        b.audience(r.list("vigil.jwt.audience", Set.of()).toArray(String[]::new));
        b.acceptAnyAudience(r.bool("vigil.jwt.audience.any", false));
        b.algorithms(r.list("vigil.jwt.algorithms", JwtFilterConfig.DEFAULT_ALGORITHMS));
        b.clockSkew(r.duration("vigil.jwt.clock-skew", Duration.ofSeconds(60)));
        b.maxLifetime(r.duration("vigil.jwt.max-lifetime", Duration.ofHours(24)));
        b.requiredClaims(r.list("vigil.jwt.required-claims", Set.of("sub")));
        b.acceptedTypes(r.list("vigil.jwt.types", JwtFilterConfig.DEFAULT_TYPES));
        b.rolesClaim(r.string("vigil.jwt.roles-claim", "scope"));
        b.cache(
                r.bool("vigil.jwt.cache.enabled", true),
                r.integer("vigil.jwt.cache.max-entries", 10_000, 16, 10_000_000));
        KeySetPolicy d = KeySetPolicy.defaults();
        b.jwksTtl(r.duration("vigil.jwt.jwks.ttl", d.ttl()))
                .jwksTtlBounds(
                        r.duration("vigil.jwt.jwks.min-ttl", d.minTtl()),
                        r.duration("vigil.jwt.jwks.max-ttl", d.maxTtl()))
                .jwksMaxStale(r.duration("vigil.jwt.jwks.max-stale", d.maxStale()))
                .jwksUnknownKidInterval(r.duration("vigil.jwt.jwks.unknown-kid-interval", d.unknownKidInterval()))
                .jwksNegativeKidTtl(r.duration("vigil.jwt.jwks.negative-kid-ttl", d.negativeKidTtl()))
                .jwksRetryAfter(r.duration("vigil.jwt.jwks.retry-after", d.retryAfter()))
                .jwksTimeout(r.duration("vigil.jwt.jwks.timeout", d.fetchTimeout()));
        for (int n : r.indices("vigil.jwt.trust")) {
            readIssuer(r, b, "vigil.jwt.trust." + n + ".");
        }
        for (int n : r.indices("vigil.jwt.path")) {
            readPathRule(r, b, "vigil.jwt.path." + n + ".");
        }
        b.sessions(r.bool("vigil.jwt.session.enabled", false));
        b.sessionIssuer(r.string("vigil.jwt.session.issuer", "urn:vigil:session"));
        String keyFile = r.string("vigil.jwt.session.key-file", null);
        if (keyFile != null) {
            b.sessionKeyFile(Path.of(keyFile));
        }
        b.accessTokenTtl(r.duration("vigil.jwt.session.access-ttl", Duration.ofMinutes(15)));
        b.refreshLifetimes(
                r.duration("vigil.jwt.session.refresh-absolute", Duration.ofDays(7)),
                r.duration("vigil.jwt.session.refresh-idle", Duration.ofDays(1)));
        b.reuseGrace(r.duration("vigil.jwt.session.reuse-grace", Duration.ofSeconds(10)));
        b.maxLiveAccessTokens(r.integer("vigil.jwt.session.max-live-access-tokens", 32, 1, 1024));
        b.cookieName(r.string("vigil.jwt.session.cookie-name", "__Host-vigil-rt"));
        b.allowedOrigins(r.list("vigil.jwt.session.allowed-origins", Set.of()));
        b.sessionPaths(
                r.string("vigil.jwt.session.refresh-path", "/auth/refresh"),
                r.string("vigil.jwt.session.logout-path", "/auth/logout"));
        b.store(r.string("vigil.jwt.store", "memory").toLowerCase(Locale.ROOT));
        b.redisCluster(r.bool("vigil.jwt.redis.cluster", false));
        b.revocationOnStoreFailure(
                r.string("vigil.jwt.revocation.on-store-failure", "deny").toLowerCase(Locale.ROOT));
        String redis = r.string("vigil.jwt.redis.uri", null);
        if (redis != null) {
            URI uri = uri(r, "vigil.jwt.redis.uri", redis);
            if (uri != null && !List.of("redis", "rediss").contains(String.valueOf(uri.getScheme()))) {
                r.problem("vigil.jwt.redis.uri was '" + redis + "' but it must start with redis:// or rediss://");
            } else {
                b.redisUri(uri);
            }
        }
        r.reportUnknownKeys();
        r.problems().forEach(b::problem);
        return b;
    }

    private static void readIssuer(PropertyReader r, JwtFilterConfig.Builder b, String p) {
        String issuer = r.string(p + "issuer", null);
        String jwksUri = r.string(p + "jwks-uri", null);
        String jwksFile = r.string(p + "jwks-file", null);
        String discovery = r.string(p + "discovery", null);
        String pem = r.string(p + "pem-file", null);
        String hmac = r.string(p + "hmac-secret-file", null);
        Set<String> algs = r.list(p + "algorithms", null);
        if (issuer == null) {
            r.problem(p + "issuer is missing");
            return;
        }
        long sources = java.util.stream.Stream.of(jwksUri, jwksFile, discovery, pem, hmac)
                .filter(java.util.Objects::nonNull)
                .count();
        if (sources != 1) {
            r.problem(p + "* for issuer '" + issuer + "' must set exactly one of jwks-uri, jwks-file, discovery, "
                    + "pem-file, hmac-secret-file (found " + sources + ")");
            return;
        }
        TrustedIssuer t;
        if (jwksUri != null) {
            URI u = uri(r, p + "jwks-uri", jwksUri);
            if (u == null) {
                return;
            }
            t = TrustedIssuer.jwksUri(issuer, u);
        } else if (discovery != null) {
            if (discovery.equalsIgnoreCase("true")) {
                if (uri(r, p + "issuer", issuer) == null) {
                    return;
                }
                t = TrustedIssuer.discovery(issuer);
            } else {
                URI u = uri(r, p + "discovery", discovery);
                if (u == null) {
                    return;
                }
                t = TrustedIssuer.discovery(issuer, u);
            }
        } else if (jwksFile != null) {
            t = TrustedIssuer.jwksFile(issuer, Path.of(jwksFile));
        } else if (pem != null) {
            t = TrustedIssuer.pemFile(issuer, Path.of(pem));
        } else {
            t = TrustedIssuer.hmacSecretFile(issuer, Path.of(hmac));
        }
        b.trust(algs == null ? t : t.withAlgorithms(algs));
    }

    private static void readPathRule(PropertyReader r, JwtFilterConfig.Builder b, String p) {
        String pattern = r.string(p + "pattern", null);
        String access = r.string(p + "access", "protect").toLowerCase(Locale.ROOT);
        Set<String> scopes = r.list(p + "scopes", Set.of());
        if (pattern == null || !pattern.startsWith("/")) {
            r.problem(p + "pattern was '" + pattern + "' but it must start with /");
            return;
        }
        switch (access) {
            case "permit" -> b.pathRule(PathRule.permit(pattern));
            case "protect" -> b.pathRule(PathRule.protect(pattern, scopes));
            default -> r.problem(p + "access was '" + access + "' but it must be protect or permit");
        }
    }

    private static URI uri(PropertyReader r, String key, String value) {
        try {
            URI u = new URI(value);
            if (u.getScheme() == null || u.getHost() == null) {
                r.problem(key + " was '" + value + "' but it must be an absolute URL");
                return null;
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            r.problem(key + " was '" + value + "' but it must be an absolute URL");
            return null;
        }
    }
}
