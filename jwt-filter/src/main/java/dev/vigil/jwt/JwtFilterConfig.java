package dev.vigil.jwt;

import dev.vigil.jwt.internal.KeyFit;
import dev.vigil.jwt.internal.KeySetPolicy;
import dev.vigil.jwt.internal.PropertyReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Immutable configuration of {@link JwtAuthFilter} and {@link RefreshTokenService}. Build it in code with
 * {@link #builder()} (exactly what the code says; the environment is not read), or from {@code vigil.jwt.*} keys
 * with {@link #fromProperties(Map)} or {@link #fromFile(Path)}, which let {@code VIGIL_JWT_*} environment variables
 * override them key by key (the filter adds its init-params on top: file &lt; environment &lt; init-params).
 * Every problem is reported at once as an {@link InvalidConfigException}; {@link #toString()} shows the effective
 * configuration and where overridden keys came from. The README lists every key with its default.
 */
public final class JwtFilterConfig {
    /** Algorithms accepted when none are configured (in the order the README and the start-up log show). */
    public static final Set<String> DEFAULT_ALGORITHMS = ordered(List.of("RS256", "PS256", "ES256", "EdDSA"));

    /** {@code typ} values accepted when none are configured, in the normalised spelling the start-up log shows. */
    public static final Set<String> DEFAULT_TYPES = ordered(List.of("jwt", "none"));

    private final String realm;
    private final Set<String> audiences;
    private final boolean anyAudience;
    private final List<TrustedIssuer> issuers;
    private final Set<String> algorithms;
    private final Duration clockSkew;
    private final Duration maxLifetime;
    private final Set<String> requiredClaims;
    private final Set<String> acceptedTypes;
    private final String rolesClaim;
    private final boolean cacheEnabled;
    private final int cacheMaxEntries;
    private final KeySetPolicy keySetPolicy;
    private final List<PathRule> pathRules;
    private final boolean sessionsEnabled;
    private final String sessionIssuer;
    private final Path sessionKeyFile;
    private final Duration accessTokenTtl;
    private final Duration refreshAbsoluteLifetime;
    private final Duration refreshIdleLifetime;
    private final Duration reuseGrace;
    private final int maxLiveAccessTokens;
    private final String cookieName;
    private final Set<String> allowedOrigins;
    private final String refreshPath;
    private final String logoutPath;
    private final String store;
    private final URI redisUri;
    private final boolean redisCluster;
    private final String revocationOnStoreFailure;
    private final Clock clock;
    private final MeterRegistry meterRegistry;
    private final String sources;
    private final List<String> overrides;

    private JwtFilterConfig(Builder b) {
        this.realm = b.realm;
        this.audiences = ordered(b.audiences);
        this.anyAudience = b.anyAudience;
        this.issuers = List.copyOf(b.issuers);
        this.algorithms = b.algorithms;
        this.clockSkew = b.clockSkew;
        this.maxLifetime = b.maxLifetime;
        this.requiredClaims = ordered(b.requiredClaims);
        this.acceptedTypes = ordered(b.acceptedTypes);
        this.rolesClaim = b.rolesClaim;
        this.cacheEnabled = b.cacheEnabled;
        this.cacheMaxEntries = b.cacheMaxEntries;
        this.keySetPolicy = new KeySetPolicy(
                b.jwksTtl,
                b.jwksMinTtl,
                b.jwksMaxTtl,
                b.jwksMaxStale,
                b.jwksUnknownKidInterval,
                b.jwksNegativeKidTtl,
                b.jwksRetryAfter,
                b.jwksTimeout);
        this.pathRules = List.copyOf(b.pathRules);
        this.sessionsEnabled = b.sessionsEnabled;
        this.sessionIssuer = b.sessionIssuer;
        this.sessionKeyFile = b.sessionKeyFile;
        this.accessTokenTtl = b.accessTokenTtl;
        this.refreshAbsoluteLifetime = b.refreshAbsoluteLifetime;
        this.refreshIdleLifetime = b.refreshIdleLifetime;
        this.reuseGrace = b.reuseGrace;
        this.maxLiveAccessTokens = b.maxLiveAccessTokens;
        this.cookieName = b.cookieName;
        this.allowedOrigins = Set.copyOf(b.allowedOrigins);
        this.refreshPath = b.refreshPath;
        this.logoutPath = b.logoutPath;
        this.store = b.store;
        this.redisUri = b.redisUri;
        this.redisCluster = b.redisCluster;
        this.revocationOnStoreFailure = b.revocationOnStoreFailure;
        this.clock = b.clock;
        this.meterRegistry = b.meterRegistry;
        this.sources = b.sources;
        this.overrides = List.copyOf(b.overrides);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An unmodifiable copy that keeps the given order, so that the start-up log reads the same on every run. */
    private static Set<String> ordered(java.util.Collection<String> values) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    /**
     * Reads a properties file, then lets {@code VIGIL_JWT_*} environment variables override it key by key.
     *
     * @throws InvalidConfigException listing every problem found, including an unreadable file
     */
    public static JwtFilterConfig fromFile(Path file) {
        return fromFile(file, JwtFilterConfig::vigilEnvironment);
    }

    /** {@link #fromFile(Path)} with the environment given (its {@code VIGIL_JWT_*} entries are used). */
    public static JwtFilterConfig fromFile(Path file, Supplier<Map<String, String>> environment) {
        return fromSources(List.of(
                new PropertyReader.Source("file", file.toString(), readProperties(file)),
                new PropertyReader.Source("environment", environment.get())));
    }

    /**
     * The filter's own path: the file named by the init-param {@code vigil.jwt.config-file} (or, without it, by
     * {@code VIGIL_JWT_CONFIG_FILE}) &lt; the environment &lt; the init-params.
     */
    static JwtFilterConfig fromInitParameters(
            Map<String, String> initParams, Supplier<Map<String, String>> environment) {
        Map<String, String> env = environment.get();
        String file = lookup(initParams, "vigil.jwt.config-file");
        if (file == null) {
            file = lookup(env, "vigil.jwt.config-file");
        }
        List<PropertyReader.Source> sources = new ArrayList<>();
        if (file != null) {
            sources.add(new PropertyReader.Source("file", file, readProperties(Path.of(file))));
        }
        sources.add(new PropertyReader.Source("environment", env));
        sources.add(new PropertyReader.Source("init-params", initParams));
        return fromSources(sources);
    }

    private static String lookup(Map<String, String> map, String key) {
        if (map == null) {
            return null;
        }
        String canonical = PropertyReader.canonical(key);
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(map).entrySet()) {
            if (e.getKey() != null
                    && PropertyReader.canonical(e.getKey()).equals(canonical)
                    && e.getValue() != null
                    && !e.getValue().isBlank()) {
                return e.getValue().trim();
            }
        }
        return null;
    }

    /** The {@code VIGIL_JWT_*} environment variables. */
    public static Map<String, String> vigilEnvironment() {
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("VIGIL_JWT_")) {
                env.put(k, v);
            }
        });
        return env;
    }

    /** Reads a properties file into a map; a missing or unreadable file is a configuration problem. */
    public static Map<String, String> readProperties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new InvalidConfigException(
                    List.of("vigil.jwt.config-file was '" + file + "' but it cannot be read: " + e.getMessage()));
        }
        Map<String, String> out = new HashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    /**
     * Builds a configuration from {@code vigil.jwt.*} keys (or their {@code VIGIL_JWT_*} spelling), then lets
     * {@code VIGIL_JWT_*} environment variables override them key by key, as they override a file. Keys outside
     * {@code vigil.jwt.} are ignored; unknown keys inside it are reported as problems. In the map itself a key in
     * the environment spelling overrides the same key in the property spelling.
     *
     * @throws InvalidConfigException listing every problem found
     */
    public static JwtFilterConfig fromProperties(Map<String, String> properties) {
        return fromProperties(properties, JwtFilterConfig::vigilEnvironment);
    }

    /** {@link #fromProperties(Map)} with the environment given (its {@code VIGIL_JWT_*} entries are used). */
    public static JwtFilterConfig fromProperties(
            Map<String, String> properties, Supplier<Map<String, String>> environment) {
        return fromSources(List.of(
                new PropertyReader.Source("properties", properties),
                new PropertyReader.Source("environment", environment.get())));
    }

    private static JwtFilterConfig fromSources(List<PropertyReader.Source> lowestFirst) {
        PropertyReader reader = new PropertyReader(lowestFirst);
        Builder b = ConfigKeys.read(reader, builder());
        b.sources = reader.sources();
        b.overrides.addAll(reader.overrides());
        return b.build();
    }

    // -- accessors ---------------------------------------------------------------------------------------------

    public String realm() {
        return realm;
    }

    /** The accepted audiences; empty only when {@link #acceptsAnyAudience()}. */
    public Set<String> audiences() {
        return audiences;
    }

    /** {@code vigil.jwt.audience.any=true}: the audience is not checked (an explicit opt-out). */
    public boolean acceptsAnyAudience() {
        return anyAudience;
    }

    public List<TrustedIssuer> issuers() {
        return issuers;
    }

    public Set<String> algorithms() {
        return algorithms;
    }

    public Duration clockSkew() {
        return clockSkew;
    }

    public Duration maxLifetime() {
        return maxLifetime;
    }

    public Set<String> requiredClaims() {
        return requiredClaims;
    }

    public Set<String> acceptedTypes() {
        return acceptedTypes;
    }

    public String rolesClaim() {
        return rolesClaim;
    }

    public boolean cacheEnabled() {
        return cacheEnabled;
    }

    public int cacheMaxEntries() {
        return cacheMaxEntries;
    }

    KeySetPolicy keySetPolicy() {
        return keySetPolicy;
    }

    public List<PathRule> pathRules() {
        return pathRules;
    }

    public boolean sessionsEnabled() {
        return sessionsEnabled;
    }

    public String sessionIssuer() {
        return sessionIssuer;
    }

    public Path sessionKeyFile() {
        return sessionKeyFile;
    }

    public Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    public Duration refreshAbsoluteLifetime() {
        return refreshAbsoluteLifetime;
    }

    public Duration refreshIdleLifetime() {
        return refreshIdleLifetime;
    }

    public Duration reuseGrace() {
        return reuseGrace;
    }

    /** The most access tokens one session family may have live at once; older ones are revoked beyond it. */
    public int maxLiveAccessTokens() {
        return maxLiveAccessTokens;
    }

    public String cookieName() {
        return cookieName;
    }

    public Set<String> allowedOrigins() {
        return allowedOrigins;
    }

    public String refreshPath() {
        return refreshPath;
    }

    public String logoutPath() {
        return logoutPath;
    }

    public String store() {
        return store;
    }

    public URI redisUri() {
        return redisUri;
    }

    /** Whether {@link #redisUri()} is a seed node of a Redis Cluster. */
    public boolean redisCluster() {
        return redisCluster;
    }

    /**
     * {@code deny} (default) or {@code allow}: what the revocation check does with a token that needs it (a
     * {@code jti} or a session {@code sid}) while the session store cannot be read.
     */
    public String revocationOnStoreFailure() {
        return revocationOnStoreFailure;
    }

    public Clock clock() {
        return clock;
    }

    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    @Override
    public String toString() {
        KeySetPolicy k = keySetPolicy;
        return "vigil-jwt config:"
                + "\n  vigil.jwt.realm=" + realm
                + (anyAudience
                        ? "\n  vigil.jwt.audience.any=true (audience not checked)"
                        : "\n  vigil.jwt.audience=" + String.join(",", audiences))
                + "\n  vigil.jwt.algorithms=" + String.join(",", algorithms)
                + "\n  vigil.jwt.clock-skew=" + clockSkew
                + "\n  vigil.jwt.max-lifetime=" + maxLifetime
                + "\n  vigil.jwt.required-claims=" + String.join(",", requiredClaims)
                + "\n  vigil.jwt.types=" + String.join(",", acceptedTypes)
                + "\n  vigil.jwt.roles-claim=" + rolesClaim
                + "\n  vigil.jwt.cache.enabled=" + cacheEnabled + " (max-entries " + cacheMaxEntries + ")"
                + "\n  vigil.jwt.jwks: ttl=" + k.ttl() + " min-ttl=" + k.minTtl() + " max-ttl=" + k.maxTtl()
                + " max-stale=" + k.maxStale() + " unknown-kid-interval=" + k.unknownKidInterval()
                + " retry-after=" + k.retryAfter() + " timeout=" + k.fetchTimeout()
                + "\n  trusted issuers: " + issuers
                + "\n  path rules: " + pathRules
                + "\n  sessions: "
                + (sessionsEnabled
                        ? "issuer=" + sessionIssuer + " access-ttl=" + accessTokenTtl + " refresh-absolute="
                                + refreshAbsoluteLifetime + " refresh-idle=" + refreshIdleLifetime + " reuse-grace="
                                + reuseGrace + " max-live-access-tokens=" + maxLiveAccessTokens + " cookie="
                                + cookieName + " allowed-origins=" + allowedOrigins
                                + " store=" + store
                                + (redisUri == null
                                        ? ""
                                        : " redis=" + redisHostOnly() + (redisCluster ? " (cluster)" : ""))
                                + "\n  vigil.jwt.revocation.on-store-failure=" + revocationOnStoreFailure
                        : "off")
                + (sources == null ? "" : "\n  read from: " + sources)
                + (overrides.isEmpty() ? "" : "\n  overridden: " + String.join("; ", overrides));
    }

    private String redisHostOnly() {
        return redisUri.getScheme() + "://" + redisUri.getHost() + ":" + redisUri.getPort(); // no password in logs
    }

    /** Builder with the documented defaults; {@link #build()} validates everything at once. */
    public static final class Builder {
        private String realm = "vigil";
        private final Set<String> audiences = new LinkedHashSet<>();
        private boolean anyAudience;
        private final List<TrustedIssuer> issuers = new ArrayList<>();
        private Set<String> algorithms = DEFAULT_ALGORITHMS;
        private Duration clockSkew = Duration.ofSeconds(60);
        private Duration maxLifetime = Duration.ofHours(24);
        private Set<String> requiredClaims = Set.of("sub");
        private Set<String> acceptedTypes = DEFAULT_TYPES;
        private String rolesClaim = "scope";
        private boolean cacheEnabled = true;
        private int cacheMaxEntries = 10_000;
        private Duration jwksTtl = KeySetPolicy.defaults().ttl();
        private Duration jwksMinTtl = KeySetPolicy.defaults().minTtl();
        private Duration jwksMaxTtl = KeySetPolicy.defaults().maxTtl();
        private Duration jwksMaxStale = KeySetPolicy.defaults().maxStale();
        private Duration jwksUnknownKidInterval = KeySetPolicy.defaults().unknownKidInterval();
        private Duration jwksNegativeKidTtl = KeySetPolicy.defaults().negativeKidTtl();
        private Duration jwksRetryAfter = KeySetPolicy.defaults().retryAfter();
        private Duration jwksTimeout = KeySetPolicy.defaults().fetchTimeout();
        private final List<PathRule> pathRules = new ArrayList<>();
        private boolean sessionsEnabled;
        private String sessionIssuer = "urn:vigil:session";
        private Path sessionKeyFile;
        private Duration accessTokenTtl = Duration.ofMinutes(15);
        private Duration refreshAbsoluteLifetime = Duration.ofDays(7);
        private Duration refreshIdleLifetime = Duration.ofDays(1);
        private Duration reuseGrace = Duration.ofSeconds(10);
        private int maxLiveAccessTokens = 32;
        private String cookieName = "__Host-vigil-rt";
        private final Set<String> allowedOrigins = new LinkedHashSet<>();
        private String refreshPath = "/auth/refresh";
        private String logoutPath = "/auth/logout";
        private String store = "memory";
        private URI redisUri;
        private boolean redisCluster;
        private String revocationOnStoreFailure = "deny";
        private Clock clock = Clock.systemUTC();
        private MeterRegistry meterRegistry = Metrics.globalRegistry;
        private final List<String> problems = new ArrayList<>();
        private String sources;
        private final List<String> overrides = new ArrayList<>();

        private Builder() {}

        /** {@code realm} in {@code WWW-Authenticate}; default {@code vigil}. */
        public Builder realm(String realm) {
            this.realm = realm;
            return this;
        }

        /**
         * Accepted audiences; a token must name one of them in {@code aud}. Required unless
         * {@link #acceptAnyAudience(boolean)} opts out explicitly.
         */
        public Builder audience(String... audience) {
            audiences.addAll(List.of(audience));
            return this;
        }

        /**
         * {@code true} ({@code vigil.jwt.audience.any}): accept tokens minted for any audience, i.e. do not check
         * {@code aud}. Off by default: without it, a configuration naming no audience is refused, because a token
         * an issuer minted for another service would otherwise be accepted here.
         */
        public Builder acceptAnyAudience(boolean any) {
            this.anyAudience = any;
            return this;
        }

        public Builder trust(TrustedIssuer issuer) {
            issuers.add(issuer);
            return this;
        }

        /** Algorithms allow-list; default RS256, PS256, ES256, EdDSA. */
        public Builder algorithms(Set<String> algorithms) {
            this.algorithms = ordered(algorithms);
            return this;
        }

        /** Tolerance for exp, nbf and iat; default 60 s. */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = skew;
            return this;
        }

        /** Longest accepted exp - iat; default 24 h. */
        public Builder maxLifetime(Duration maxLifetime) {
            this.maxLifetime = maxLifetime;
            return this;
        }

        /** Claims that must be present; default {@code sub}. */
        public Builder requiredClaims(Set<String> claims) {
            this.requiredClaims = ordered(claims);
            return this;
        }

        /** Accepted {@code typ} values, lower case without {@code application/}; {@code none} = absent. */
        public Builder acceptedTypes(Set<String> types) {
            Set<String> out = new LinkedHashSet<>();
            for (String t : types) {
                String l = t.toLowerCase(Locale.ROOT);
                out.add(l.startsWith("application/") ? l.substring(12) : l);
            }
            this.acceptedTypes = out;
            return this;
        }

        /** Claim holding scopes or roles (string or array, dotted path allowed); default {@code scope}. */
        public Builder rolesClaim(String claim) {
            this.rolesClaim = claim;
            return this;
        }

        public Builder cache(boolean enabled, int maxEntries) {
            this.cacheEnabled = enabled;
            this.cacheMaxEntries = maxEntries;
            return this;
        }

        /**
         * Key-set caching, all at once (the {@code jwks*} methods set one each, by name). Defaults: ttl 10 min,
         * max-age clamped to [1 min, 24 h], max-stale 6 h, unknown-kid refetches paced at one per 1 s, negative kid
         * cache 5 min, retry-after 10 s, fetch timeout 5 s.
         *
         * @deprecated eight durations in a row are easy to swap; use the named {@code jwks*} methods
         */
        @Deprecated
        public Builder keySets(
                Duration ttl,
                Duration minTtl,
                Duration maxTtl,
                Duration maxStale,
                Duration unknownKidInterval,
                Duration negativeKidTtl,
                Duration retryAfter,
                Duration timeout) {
            return jwksTtl(ttl)
                    .jwksTtlBounds(minTtl, maxTtl)
                    .jwksMaxStale(maxStale)
                    .jwksUnknownKidInterval(unknownKidInterval)
                    .jwksNegativeKidTtl(negativeKidTtl)
                    .jwksRetryAfter(retryAfter)
                    .jwksTimeout(timeout);
        }

        /** {@code vigil.jwt.jwks.ttl}: key-set lifetime when the server sends no {@code max-age}; default 10 min. */
        public Builder jwksTtl(Duration ttl) {
            this.jwksTtl = ttl;
            return this;
        }

        /** {@code vigil.jwt.jwks.min-ttl} / {@code max-ttl}: bounds of {@code Cache-Control: max-age}; 1 min / 24 h. */
        public Builder jwksTtlBounds(Duration minTtl, Duration maxTtl) {
            this.jwksMinTtl = minTtl;
            this.jwksMaxTtl = maxTtl;
            return this;
        }

        /** {@code vigil.jwt.jwks.max-stale}: how long last-good keys serve while the IdP fails; default 6 h. */
        public Builder jwksMaxStale(Duration maxStale) {
            this.jwksMaxStale = maxStale;
            return this;
        }

        /** {@code vigil.jwt.jwks.unknown-kid-interval}: pace of refetches for unknown kids; default 1 s. */
        public Builder jwksUnknownKidInterval(Duration interval) {
            this.jwksUnknownKidInterval = interval;
            return this;
        }

        /** {@code vigil.jwt.jwks.negative-kid-ttl}: how long a kid a newer key set lacks is refused; 5 min. */
        public Builder jwksNegativeKidTtl(Duration ttl) {
            this.jwksNegativeKidTtl = ttl;
            return this;
        }

        /** {@code vigil.jwt.jwks.retry-after}: Retry-After of the 503 and pause after a failed fetch; 10 s. */
        public Builder jwksRetryAfter(Duration retryAfter) {
            this.jwksRetryAfter = retryAfter;
            return this;
        }

        /** {@code vigil.jwt.jwks.timeout}: deadline of one key fetch; default 5 s. */
        public Builder jwksTimeout(Duration timeout) {
            this.jwksTimeout = timeout;
            return this;
        }

        public Builder pathRule(PathRule rule) {
            pathRules.add(rule);
            return this;
        }

        /** Turns on first-party sessions: an access-token issuer plus rotating refresh tokens. */
        public Builder sessions(boolean enabled) {
            this.sessionsEnabled = enabled;
            return this;
        }

        public Builder sessionIssuer(String issuer) {
            this.sessionIssuer = issuer;
            return this;
        }

        /** A private JWK (RSA or EC P-256) to sign access tokens; default a fresh RSA key at start. */
        public Builder sessionKeyFile(Path file) {
            this.sessionKeyFile = file;
            return this;
        }

        public Builder accessTokenTtl(Duration ttl) {
            this.accessTokenTtl = ttl;
            return this;
        }

        public Builder refreshLifetimes(Duration absolute, Duration idle) {
            this.refreshAbsoluteLifetime = absolute;
            this.refreshIdleLifetime = idle;
            return this;
        }

        public Builder reuseGrace(Duration grace) {
            this.reuseGrace = grace;
            return this;
        }

        /**
         * The most access tokens one session family may have live at once (default 32): a refresh beyond it
         * revokes the family's oldest live access tokens, so a stolen refresh token cannot mint an unbounded set.
         */
        public Builder maxLiveAccessTokens(int max) {
            this.maxLiveAccessTokens = max;
            return this;
        }

        public Builder cookieName(String name) {
            this.cookieName = name;
            return this;
        }

        /** Origins allowed to call refresh and logout besides the request's own origin. */
        public Builder allowedOrigins(Set<String> origins) {
            allowedOrigins.addAll(origins);
            return this;
        }

        public Builder sessionPaths(String refreshPath, String logoutPath) {
            this.refreshPath = refreshPath;
            this.logoutPath = logoutPath;
            return this;
        }

        /** {@code memory} (default) or {@code redis} (then {@link #redisUri(URI)} is required). */
        public Builder store(String store) {
            this.store = store;
            return this;
        }

        public Builder redisUri(URI uri) {
            this.redisUri = uri;
            return this;
        }

        /** {@code true}: {@link #redisUri(URI)} is one seed node of a Redis Cluster (the topology is discovered). */
        public Builder redisCluster(boolean cluster) {
            this.redisCluster = cluster;
            return this;
        }

        /**
         * What the revocation check does when the session store cannot be read: {@code deny} (default) refuses
         * every token that needs the check (it has a {@code jti}, or a session {@code sid}) with 503
         * {@code store_unavailable}; {@code allow} accepts them, except revocations this instance recorded itself.
         * {@code allow} keeps users working through a store outage at the price that a token revoked on another
         * instance (or before this one started) is accepted again until the store is back.
         */
        public Builder revocationOnStoreFailure(String mode) {
            this.revocationOnStoreFailure = mode;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Where meters go; default Micrometer's global registry. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        Builder problem(String message) {
            problems.add(message);
            return this;
        }

        /** @throws InvalidConfigException listing every problem */
        public JwtFilterConfig build() {
            List<String> all = new ArrayList<>(problems);
            if (issuers.isEmpty() && !sessionsEnabled) {
                all.add("vigil.jwt.trust.1.issuer is missing: trust at least one issuer or enable vigil.jwt.session");
            }
            Set<String> seen = new LinkedHashSet<>();
            for (TrustedIssuer t : issuers) {
                if (!seen.add(t.issuer())) {
                    all.add("issuer '" + t.issuer() + "' is trusted twice; each issuer has exactly one key source");
                }
                if (t.algorithms() != null) {
                    checkAlgorithms("vigil.jwt.trust.*.algorithms of " + t.issuer(), t.algorithms(), all);
                }
                if (t.kind() == TrustedIssuer.SourceKind.HMAC_SECRET_FILE
                        && (t.algorithms() == null || t.algorithms().stream().anyMatch(a -> !a.startsWith("HS")))) {
                    all.add("issuer '" + t.issuer() + "' uses an HMAC secret: set its algorithms to HS256, HS384 or "
                            + "HS512 explicitly");
                }
                boolean remote =
                        t.kind() == TrustedIssuer.SourceKind.JWKS_URI || t.kind() == TrustedIssuer.SourceKind.DISCOVERY;
                if (remote && t.algorithms() != null && t.algorithms().stream().anyMatch(a -> a.startsWith("HS"))) {
                    // a secret served over the network is no secret: remote oct keys are never trusted (KeySource)
                    all.add("issuer '" + t.issuer() + "' gets its keys through "
                            + (t.kind() == TrustedIssuer.SourceKind.JWKS_URI ? "jwks-uri" : "discovery")
                            + ": HMAC algorithms (HS256, HS384, HS512) need vigil.jwt.trust.N.hmac-secret-file or keys"
                            + " given in code");
                }
            }
            if (audiences.isEmpty() && !anyAudience) {
                all.add("vigil.jwt.audience is missing: name the audiences this service accepts, or set "
                        + "vigil.jwt.audience.any=true to accept tokens minted for any audience");
            } else if (!audiences.isEmpty() && anyAudience) {
                all.add("vigil.jwt.audience.any is true but vigil.jwt.audience is '" + String.join(",", audiences)
                        + "': set only one of them");
            }
            checkAlgorithms("vigil.jwt.algorithms", algorithms, all);
            if (algorithms.stream().anyMatch(a -> a.startsWith("HS"))) {
                all.add("vigil.jwt.algorithms was '" + String.join(",", algorithms) + "' but HMAC algorithms may only "
                        + "be allowed per issuer (vigil.jwt.trust.N.algorithms), never globally");
            }
            if (clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
                all.add("vigil.jwt.clock-skew was '" + clockSkew + "' but it must be at most 5m");
            }
            if (maxLifetime.isZero() || maxLifetime.isNegative()) {
                all.add("vigil.jwt.max-lifetime was '" + maxLifetime + "' but it must be positive");
            }
            if (!store.equals("memory") && !store.equals("redis")) {
                all.add("vigil.jwt.store was '" + store + "' but it must be memory or redis");
            }
            if (!"deny".equals(revocationOnStoreFailure) && !"allow".equals(revocationOnStoreFailure)) {
                all.add("vigil.jwt.revocation.on-store-failure was '" + revocationOnStoreFailure
                        + "' but it must be deny or allow");
            }
            if (store.equals("redis") && redisUri == null) {
                all.add("vigil.jwt.redis.uri is missing but vigil.jwt.store is redis");
            }
            if (sessionsEnabled) {
                if (maxLiveAccessTokens < 1 || maxLiveAccessTokens > 1024) {
                    all.add("vigil.jwt.session.max-live-access-tokens was '" + maxLiveAccessTokens
                            + "' but it must be an integer between 1 and 1024");
                }
                if (!cookieName.matches("[A-Za-z0-9_-]+")) {
                    all.add("vigil.jwt.session.cookie-name was '" + cookieName + "' but it must be a cookie token");
                }
                if (refreshIdleLifetime.compareTo(refreshAbsoluteLifetime) > 0) {
                    all.add("vigil.jwt.session.refresh-idle was '" + refreshIdleLifetime + "' but it must not exceed "
                            + "vigil.jwt.session.refresh-absolute (" + refreshAbsoluteLifetime + ")");
                }
                if (accessTokenTtl.compareTo(maxLifetime) > 0) {
                    all.add("vigil.jwt.session.access-ttl was '" + accessTokenTtl + "' but it must not exceed "
                            + "vigil.jwt.max-lifetime (" + maxLifetime + ")");
                }
                if (issuers.stream().anyMatch(t -> t.issuer().equals(sessionIssuer))) {
                    all.add("vigil.jwt.session.issuer '" + sessionIssuer + "' is also a trusted external issuer");
                }
                if (store.equals("redis") && sessionKeyFile == null) {
                    all.add("vigil.jwt.session.key-file is missing but vigil.jwt.store is redis: instances sharing "
                            + "the store must sign access tokens with one shared private JWK (a generated key "
                            + "differs per instance, so each would reject the others' tokens)");
                }
                if (sessionKeyFile != null && !Files.isReadable(sessionKeyFile)) {
                    all.add("vigil.jwt.session.key-file was '" + sessionKeyFile + "' but it cannot be read");
                }
            }
            for (TrustedIssuer t : issuers) {
                if (t.file() != null && !Files.isReadable(t.file())) {
                    all.add("key file '" + t.file() + "' of issuer '" + t.issuer() + "' cannot be read");
                }
            }
            if (!all.isEmpty()) {
                throw new InvalidConfigException(all);
            }
            return new JwtFilterConfig(this);
        }

        private static void checkAlgorithms(String key, Set<String> algs, List<String> all) {
            for (String a : algs) {
                if (a.equalsIgnoreCase("none") || !KeyFit.SUPPORTED.contains(a)) {
                    all.add(key + " contains '" + a + "' but only " + new java.util.TreeSet<>(KeyFit.SUPPORTED)
                            + " are supported");
                }
            }
            if (algs.isEmpty()) {
                all.add(key + " is empty");
            }
        }
    }
}
