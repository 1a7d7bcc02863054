package dev.vigil.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import dev.vigil.jwt.internal.AccessTokenSigner;
import dev.vigil.jwt.internal.DpopVerifier;
import dev.vigil.jwt.internal.Hashing;
import dev.vigil.jwt.internal.InMemoryProofReplay;
import dev.vigil.jwt.internal.JwtMetrics;
import dev.vigil.jwt.internal.LocalRevocations;
import dev.vigil.jwt.internal.ProofReplay;
import dev.vigil.jwt.internal.Reason;
import dev.vigil.jwt.internal.TokenRejection;
import dev.vigil.jwt.internal.VerifiedClaims;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * First-party sessions: short access tokens signed by this service, plus opaque 256-bit refresh tokens kept
 * hashed in families. Every refresh rotates; presenting a rotated token again revokes the whole family,
 * except the immediate parent within the reuse grace window (concurrent tabs). Absolute and idle lifetimes are
 * never extended by rotation beyond the absolute one. Families are bound to a device. Revoking a family is one
 * unconditional write that every later refresh and every access-token check sees ({@link #revokeFamily}); it
 * never loses against concurrent refreshes, and it is never reported done when it could not be recorded.
 *
 * <p>Servlet endpoints (refresh, logout, login helper) are in {@link #endpoints()}.
 */
public final class RefreshTokenService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RefreshTokenService.class.getName());
    private static final int MAX_CAS_ATTEMPTS = 32;
    /** Revocations this instance recorded, remembered locally for store outages (see {@link #isRevoked}). */
    static final int MAX_LOCAL_REVOCATIONS = 100_000;
    /** At most one warning about an unreadable store per this many milliseconds. */
    private static final long OUTAGE_WARNING_INTERVAL_MILLIS = 60_000;

    private final JwtFilterConfig config;
    private final SessionStore store;
    private final AccessTokenSigner signer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final JwtMetrics metrics;
    private final DpopVerifier dpop;
    private final SessionEndpoints endpoints;
    private final LocalRevocations localRevocations = new LocalRevocations(MAX_LOCAL_REVOCATIONS);
    private final java.util.concurrent.atomic.AtomicLong nextOutageWarning =
            new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);

    private RefreshTokenService(
            JwtFilterConfig config, SessionStore store, AccessTokenSigner signer, int proofsPerKey) {
        this.config = config;
        this.store = store;
        this.signer = signer;
        this.clock = config.clock();
        this.metrics = new JwtMetrics(config.meterRegistry());
        ProofReplay local = new InMemoryProofReplay(clock, proofsPerKey);
        this.dpop = new DpopVerifier(
                clock,
                Duration.ofSeconds(60).plus(config.clockSkew()),
                store.isShared() ? new SharedProofReplay(store, local, proofsPerKey) : local);
        this.endpoints = new SessionEndpoints(this, config);
    }

    /**
     * Creates the service with the configured store ({@code memory} or {@code redis}) and signing key.
     *
     * @throws InvalidConfigException when sessions are disabled or the key file is unusable
     */
    public static RefreshTokenService create(JwtFilterConfig config) {
        SessionStore store = config.store().equals("redis")
                ? (config.redisCluster()
                        ? RedisSessionStore.connectCluster(config.redisUri(), config.clock())
                        : RedisSessionStore.connect(config.redisUri(), config.clock()))
                : new InMemorySessionStore(config.clock());
        return create(config, store);
    }

    /**
     * Creates the service on a store of your own.
     *
     * @throws InvalidConfigException when sessions are disabled or the key file is unusable
     */
    public static RefreshTokenService create(JwtFilterConfig config, SessionStore store) {
        return create(config, store, ProofReplay.DEFAULT_MAX_PER_KEY);
    }

    /** With another bound on live DPoP proofs per key (tests). */
    static RefreshTokenService create(JwtFilterConfig config, SessionStore store, int proofsPerKey) {
        if (!config.sessionsEnabled()) {
            throw new InvalidConfigException(
                    java.util.List.of("vigil.jwt.session.enabled must be true to issue sessions"));
        }
        AccessTokenSigner signer;
        if (config.sessionKeyFile() != null) {
            try {
                signer = AccessTokenSigner.load(config.sessionIssuer(), config.sessionKeyFile());
            } catch (IOException e) {
                throw new InvalidConfigException(
                        java.util.List.of("vigil.jwt.session.key-file was '" + config.sessionKeyFile()
                                + "' but it is not a private RSA or EC P-256 JWK: " + e.getMessage()));
            }
        } else {
            signer = AccessTokenSigner.generate(config.sessionIssuer());
        }
        return new RefreshTokenService(config, store, signer, proofsPerKey);
    }

    /** Servlet-facing login, refresh and logout handling (cookies, Origin checks, DPoP). */
    public SessionEndpoints endpoints() {
        return endpoints;
    }

    public SessionStore store() {
        return store;
    }

    /** Starts a session after the application has authenticated the user. */
    public SessionTokens login(String subject, Set<String> scopes, String deviceBinding, String dpopThumbprint) {
        long now = clock.millis();
        String familyId = randomToken(16);
        String refreshToken = randomToken(32);
        String jti = randomToken(16);
        long accessExp = now + config.accessTokenTtl().toMillis();
        long absolute = now + config.refreshAbsoluteLifetime().toMillis();
        long idle = Math.min(absolute, now + config.refreshIdleLifetime().toMillis());
        RefreshFamily family = new RefreshFamily(
                familyId,
                subject,
                scopes,
                Hashing.sha256Url(deviceBinding),
                dpopThumbprint,
                now,
                absolute,
                idle,
                Hashing.sha256Url(refreshToken),
                null,
                now,
                false,
                Map.of(jti, accessExp),
                0);
        store.create(family, family.currentHash());
        String access = signer.sign(subject, config.audiences(), scopes, familyId, jti, dpopThumbprint, now, accessExp);
        metrics.refreshed("login");
        return tokens(access, dpopThumbprint, accessExp, now, refreshToken, idle, familyId);
    }

    /**
     * Rotates a refresh token.
     *
     * @throws RefreshException {@code refresh_token_reused} (family revoked), {@code session_expired},
     *     {@code session_revoked}, {@code device_mismatch}, {@code invalid_refresh_token}, {@code store_unavailable}
     */
    public SessionTokens refresh(String refreshToken, String deviceBinding, String dpopThumbprint)
            throws RefreshException {
        Binding binding = new Binding(deviceBinding, dpopThumbprint);
        return refresh(refreshToken, new Device() {
            @Override
            public Binding resolve() {
                return binding;
            }

            @Override
            public void confirm() {}
        });
    }

    /** What a refresh is bound to: the device binding, and the DPoP key's thumbprint when there is one. */
    record Binding(String deviceBinding, String dpopThumbprint) {}

    /**
     * The requesting device, looked at only once the refresh token names a live family: {@link #resolve()}
     * verifies its DPoP proof (without recording it), {@link #confirm()} records the proof once the family's
     * binding matched, before anything changes. Unauthenticated requests never reach either.
     */
    interface Device {
        Binding resolve() throws RefreshException;

        void confirm() throws RefreshException;
    }

    /** {@link #refresh(String, String, String)} with the device resolved lazily (the servlet endpoint). */
    SessionTokens refresh(String refreshToken, Device device) throws RefreshException {
        if (refreshToken == null || !refreshToken.matches("[A-Za-z0-9_-]{43}")) {
            throw fail("invalid_refresh_token", 401);
        }
        String hash = Hashing.sha256Url(refreshToken);
        try {
            Binding binding = null;
            for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
                Optional<RefreshFamily> found = store.findByToken(hash);
                if (found.isEmpty()) {
                    throw fail("invalid_refresh_token", 401);
                }
                if (binding == null) {
                    binding = device.resolve();
                }
                SessionTokens out = tryRotate(found.get(), hash, binding, device);
                if (out != null) {
                    return out;
                }
                backOff(attempt);
            }
            LOG.log(
                    System.Logger.Level.WARNING,
                    "vigil-jwt: refresh gave up after {0} concurrent updates",
                    MAX_CAS_ATTEMPTS);
            throw fail("store_unavailable", 503);
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "vigil-jwt: session store unavailable: {0}", e.getMessage());
            throw fail("store_unavailable", 503);
        }
    }

    /** Concurrent tabs refreshing at once collide on the family; spread their retries a little. */
    private void backOff(int attempt) {
        try {
            Thread.sleep(random.nextInt(1 + Math.min(attempt, 10) * 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One compare-and-set attempt; null means another writer won and the caller should re-read. */
    private SessionTokens tryRotate(RefreshFamily f, String hash, Binding binding, Device device)
            throws RefreshException {
        String deviceBinding = binding.deviceBinding();
        String dpop = binding.dpopThumbprint();
        long now = clock.millis();
        if (f.revoked() || store.isFamilyRevoked(f.id())) {
            throw fail("session_revoked", 401);
        }
        if (now >= f.absoluteExpiresAt() || now >= f.idleExpiresAt()) {
            throw fail("session_expired", 401);
        }
        boolean deviceOk = Hashing.constantTimeEquals(f.deviceHash(), Hashing.sha256Url(deviceBinding))
                && (f.dpopThumbprint() == null || Hashing.constantTimeEquals(f.dpopThumbprint(), dpop));
        if (!deviceOk) {
            revoke(f.id(), f.absoluteExpiresAt());
            throw fail("device_mismatch", 401);
        }
        device.confirm();
        String jti = randomToken(16);
        long accessExp = now + config.accessTokenTtl().toMillis();
        Map<String, Long> jtis = liveJtis(f, now - config.clockSkew().toMillis()); // live until exp + skew
        jtis.put(jti, accessExp);
        Map<String, Long> evicted = overCap(jtis);
        boolean current = Hashing.constantTimeEquals(hash, f.currentHash());
        boolean parentInGrace = !current
                && f.parentHash() != null
                && Hashing.constantTimeEquals(hash, f.parentHash())
                && now - f.rotatedAt() <= config.reuseGrace().toMillis();
        if (!current && !parentInGrace) {
            revoke(f.id(), f.absoluteExpiresAt());
            metrics.reuseDetected();
            metrics.refreshed("reuse_detected");
            LOG.log(
                    System.Logger.Level.WARNING,
                    "vigil-jwt: refresh token reuse detected; family {0} of subject#{1} revoked",
                    f.id(),
                    Hashing.logHash(f.subject()));
            throw fail("refresh_token_reused", 401);
        }
        String next = current ? randomToken(32) : null;
        long idle = current
                ? Math.min(
                        f.absoluteExpiresAt(),
                        now + config.refreshIdleLifetime().toMillis())
                : f.idleExpiresAt();
        RefreshFamily updated =
                current ? f.rotated(Hashing.sha256Url(next), now, idle, jtis) : f.withAccessTokens(jtis);
        // the tokens pushed over the cap are revoked before the swap that forgets them: at most the cap stay live
        long skew = config.clockSkew().toMillis();
        evicted.forEach((old, exp) -> revokeJti(old, exp + skew));
        if (!store.replace(f, updated, current ? updated.currentHash() : null)) {
            return null;
        }
        if (store.isFamilyRevoked(f.id())) {
            // a revoke raced this swap: it wins, and nothing is handed out (the swap's tokens die with the family)
            throw fail("session_revoked", 401);
        }
        metrics.refreshed(current ? "rotated" : "grace");
        return tokens(sign(f, jti, now, accessExp), f.dpopThumbprint(), accessExp, now, next, idle, f.id());
    }

    /** Removes the oldest entries beyond the cap on live access tokens and returns them. */
    private Map<String, Long> overCap(Map<String, Long> jtis) {
        int over = jtis.size() - config.maxLiveAccessTokens();
        if (over <= 0) {
            return Map.of();
        }
        Map<String, Long> evicted = new HashMap<>();
        jtis.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .limit(over)
                .forEach(e -> evicted.put(e.getKey(), e.getValue()));
        jtis.keySet().removeAll(evicted.keySet());
        return evicted;
    }

    /**
     * Ends the session the refresh token belongs to; unknown tokens are ignored.
     *
     * @throws RefreshException {@code store_unavailable} (503) when the revocation could not be recorded
     */
    public void logout(String refreshToken) throws RefreshException {
        if (refreshToken == null || !refreshToken.matches("[A-Za-z0-9_-]{43}")) {
            return;
        }
        try {
            Optional<RefreshFamily> f = store.findByToken(Hashing.sha256Url(refreshToken));
            if (f.isPresent()) {
                revoke(f.get().id(), f.get().absoluteExpiresAt());
            }
        } catch (StoreUnavailableException e) {
            throw fail("store_unavailable", 503);
        }
    }

    /**
     * Revokes one family: its refresh tokens and every access token it issued (they carry the family id as
     * {@code sid}). One unconditional write that no concurrent refresh can undo; when this method returns, no
     * refresh of the family succeeds any more and none of its access tokens is accepted.
     *
     * @throws StoreUnavailableException when the revocation could not be recorded (logged as an error); the
     *     family is then NOT revoked and the caller must not report success
     */
    public void revokeFamily(String familyId) {
        long absolute;
        try {
            absolute =
                    store.find(familyId).map(RefreshFamily::absoluteExpiresAt).orElse(0L);
        } catch (StoreUnavailableException e) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "vigil-jwt: revocation of family {0} could not be recorded, the session is NOT revoked: {1}",
                    familyId,
                    e.getMessage());
            throw e;
        }
        revoke(familyId, absolute);
    }

    /** Records the tombstone until the family's last possible access token has expired (exp + skew). */
    private void revoke(String familyId, long absoluteExpiresAt) {
        long now = clock.millis();
        long until = Math.max(now, absoluteExpiresAt)
                + config.accessTokenTtl().toMillis()
                + config.clockSkew().toMillis();
        try {
            store.revokeFamily(familyId, Instant.ofEpochMilli(until));
            localRevocations.family(familyId, until, now);
        } catch (StoreUnavailableException e) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "vigil-jwt: revocation of family {0} could not be recorded, the session is NOT revoked: {1}",
                    familyId,
                    e.getMessage());
            throw e;
        }
    }

    /**
     * Revokes every session of a subject; tries them all.
     *
     * @throws StoreUnavailableException when any of the revocations could not be recorded
     */
    public void revokeSubject(String subject) {
        StoreUnavailableException failed = null;
        for (String id : store.familiesOf(subject)) {
            try {
                revokeFamily(id);
            } catch (StoreUnavailableException e) {
                failed = e;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * Revokes one access token by jti until it expires: its {@code exp} plus the clock skew, as long as the
     * verifier would still accept it.
     */
    public void revokeAccessToken(String jti, Instant expiresAt) {
        revokeJti(jti, expiresAt.plus(config.clockSkew()).toEpochMilli());
    }

    private void revokeJti(String jti, long untilMillis) {
        store.revokeJti(jti, Instant.ofEpochMilli(untilMillis));
        localRevocations.jti(jti, untilMillis, clock.millis());
    }

    /**
     * For the filter: an access token is revoked by its jti, or (a session token) by its family id {@code sid}.
     * Revocations this instance recorded itself are answered locally, also while the store is down. When the
     * store cannot be read, a token that needs the check is refused with {@code store_unavailable} (503), unless
     * {@code vigil.jwt.revocation.on-store-failure=allow}: then it is accepted unless revoked here.
     *
     * @throws TokenRejection {@link Reason#STORE_UNAVAILABLE} when the store cannot be read and the check fails
     *     closed
     */
    boolean isRevoked(VerifiedClaims claims) throws TokenRejection {
        String family =
                signer.issuer().equals(claims.issuer()) && claims.claims().get("sid") instanceof String sid
                        ? sid
                        : null;
        if (claims.jti() == null && family == null) {
            return false;
        }
        if (localRevocations.isRevoked(claims.jti(), family, clock.millis())) {
            return true;
        }
        try {
            return store.isRevoked(claims.jti(), family);
        } catch (StoreUnavailableException e) {
            boolean allow = config.revocationOnStoreFailure().equals("allow");
            warnOutage(e, allow);
            if (allow) {
                return false;
            }
            throw new TokenRejection(Reason.STORE_UNAVAILABLE);
        }
    }

    /** One warning per minute at most while the store cannot be read; never names a token. */
    private void warnOutage(StoreUnavailableException e, boolean allow) {
        long now = System.nanoTime() / 1_000_000;
        long next = nextOutageWarning.get();
        if ((next != Long.MIN_VALUE && now < next)
                || !nextOutageWarning.compareAndSet(next, now + OUTAGE_WARNING_INTERVAL_MILLIS)) {
            return;
        }
        LOG.log(
                System.Logger.Level.WARNING,
                "vigil-jwt: session store unavailable, revocation cannot be checked; tokens that need the check are "
                        + (allow
                                ? "ACCEPTED unless revoked on this instance (vigil.jwt.revocation.on-store-failure="
                                        + "allow)"
                                : "refused with 503 store_unavailable (vigil.jwt.revocation.on-store-failure=deny)")
                        + "; next warning in at most 60s: {0}",
                e.getMessage());
    }

    /** The DPoP verifier of this service's endpoints and filter; its replay cache is shared when the store is. */
    DpopVerifier dpop() {
        return dpop;
    }

    String issuer() {
        return signer.issuer();
    }

    JWKSet publicKeys() {
        return signer.publicKeys();
    }

    Set<String> algorithms() {
        return Set.of(signer.algorithm());
    }

    JwtFilterConfig config() {
        return config;
    }

    private String sign(RefreshFamily f, String jti, long now, long accessExp) {
        return signer.sign(
                f.subject(), config.audiences(), f.scopes(), f.id(), jti, f.dpopThumbprint(), now, accessExp);
    }

    private static Map<String, Long> liveJtis(RefreshFamily f, long now) {
        Map<String, Long> live = new HashMap<>();
        f.accessJtis().forEach((jti, exp) -> {
            if (exp > now) {
                live.put(jti, exp);
            }
        });
        return live;
    }

    private static SessionTokens tokens(
            String access, String dpop, long accessExp, long now, String refresh, long refreshExp, String familyId) {
        return new SessionTokens(
                access,
                dpop == null ? "Bearer" : "DPoP",
                (accessExp - now) / 1000,
                refresh,
                Math.max(0, (refreshExp - now) / 1000),
                familyId);
    }

    private String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static RefreshException fail(String reason, int status) {
        return new RefreshException(reason, status);
    }

    @Override
    public void close() {
        try {
            store.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "vigil-jwt: closing the session store failed", e);
        }
    }
}
