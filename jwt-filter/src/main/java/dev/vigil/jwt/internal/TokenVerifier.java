package dev.vigil.jwt.internal;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a compact JWS access token: limits first, then header policy, issuer, key, signature and claims.
 * Thread-safe; one instance per configuration.
 */
public final class TokenVerifier {
    private static final System.Logger LOG = System.getLogger(TokenVerifier.class.getName());
    private static final Set<String> EMBEDDED_KEY_HEADERS = Set.of("jwk", "jku", "x5u", "x5c");
    private static final int MAX_CACHED_HEADERS = 1024;

    /**
     * Answers whether a verified token has been revoked (by its jti, or by its session family); throws a
     * {@link Reason#STORE_UNAVAILABLE} rejection when that cannot be known and the configuration fails closed.
     */
    public interface Revocations {
        boolean isRevoked(VerifiedClaims claims) throws TokenRejection;

        Revocations NONE = claims -> false;
    }

    /** Per-issuer keys, and the algorithms and {@code typ} values (normalised) allowed for that issuer. */
    public record Trusted(IssuerKeys keys, Set<String> algorithms, Set<String> types) {}

    private final VerifierSettings settings;
    private final Map<String, Trusted> issuers;
    private final VerifiedTokenCache cache;
    private final Revocations revocations;
    private final Clock clock;
    private final JwtMetrics metrics;
    private final Map<String, Object> headers = new java.util.concurrent.ConcurrentHashMap<>();
    private final byte[][] issuerLiterals;

    public TokenVerifier(
            VerifierSettings settings,
            Map<String, Trusted> issuers,
            Revocations revocations,
            Clock clock,
            JwtMetrics metrics) {
        this.settings = settings;
        this.issuers = Map.copyOf(issuers);
        this.issuerLiterals = literals(this.issuers.keySet());
        this.cache = settings.cacheEnabled() ? new VerifiedTokenCache(settings.cacheMaxEntries()) : null;
        this.revocations = revocations;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Set<String> issuers() {
        return issuers.keySet();
    }

    /** Verifies and records the outcome in metrics. */
    public VerifiedClaims verify(String token) throws TokenRejection {
        long start = System.nanoTime();
        try {
            VerifiedClaims claims = verifyUnmetered(token);
            metrics.validated(null, System.nanoTime() - start);
            return claims;
        } catch (TokenRejection e) {
            metrics.validated(e.reason(), System.nanoTime() - start);
            throw e;
        }
    }

    private VerifiedClaims verifyUnmetered(String token) throws TokenRejection {
        if (token == null || token.length() > TokenLimits.MAX_TOKEN_BYTES) {
            throw new TokenRejection(token == null ? Reason.MALFORMED : Reason.TOO_LARGE);
        }
        String cacheKey = null;
        if (cache != null) {
            cacheKey = VerifiedTokenCache.key(token);
            VerifiedClaims hit = cache.get(cacheKey, clock.millis(), this::revisionOf);
            metrics.cache(hit != null);
            if (hit != null) {
                requireNotRevoked(hit);
                return hit;
            }
        }
        TokenLimits.Segments seg = TokenLimits.check(token);
        ParsedHeader parsed = header(seg);
        JWSHeader header = parsed.header();
        String alg = header.getAlgorithm().getName();
        if (!mayNameTrustedIssuer(seg.payloadJson())) {
            throw new TokenRejection(Reason.UNTRUSTED_ISSUER);
        }
        Map<String, Object> claimMap = parseJson(seg.payloadJson());
        Object iss = claimMap.get("iss");
        Trusted trusted = iss instanceof String s ? issuers.get(s) : null;
        if (trusted == null) {
            throw new TokenRejection(Reason.UNTRUSTED_ISSUER);
        }
        if (!trusted.algorithms().contains(alg)) {
            throw new TokenRejection(Reason.ALGORITHM_NOT_ALLOWED);
        }
        if (!trusted.types().contains(parsed.type())) {
            throw new TokenRejection(Reason.TYPE_NOT_ALLOWED);
        }
        long revision = trusted.keys().revision();
        byte[] signingInput = (seg.header() + "." + seg.payload()).getBytes(StandardCharsets.US_ASCII);
        Base64URL signature = new DecodedSignature(seg.signature());
        boolean verified =
                verifyWithAny(trusted.keys().candidates(header.getKeyID(), alg), header, signingInput, signature);
        if (!verified && header.getKeyID() != null && trusted.keys().refetchAfterSignatureFailure()) {
            revision = trusted.keys().revision(); // the key behind this kid changed: one more try
            verified =
                    verifyWithAny(trusted.keys().candidates(header.getKeyID(), alg), header, signingInput, signature);
        }
        if (!verified) {
            debugReject(Reason.BAD_SIGNATURE, (String) iss, header.getKeyID(), claimMap.get("jti"));
            throw new TokenRejection(Reason.BAD_SIGNATURE);
        }
        VerifiedClaims claims = checkClaims(claimMap, (String) iss, header.getKeyID());
        requireNotRevoked(claims);
        if (cache != null) {
            cache.put(cacheKey, claims, revision, clock.millis());
        }
        return claims;
    }

    /**
     * The signature segment, decoded once with the JDK's base64url decoder (the segment is already known to be
     * canonical unpadded base64url): the verifiers ask for the bytes of every key they try, and nimbus' own decoder
     * costs about as much as a tenth of an RSA verification.
     */
    static final class DecodedSignature extends Base64URL {
        private static final long serialVersionUID = 1L;
        private final transient byte[] bytes;

        DecodedSignature(String segment) {
            super(segment);
            this.bytes = java.util.Base64.getUrlDecoder().decode(segment);
        }

        @Override
        public byte[] decode() {
            return bytes.clone();
        }
    }

    private static boolean verifyWithAny(List<PreparedKey> keys, JWSHeader header, byte[] input, Base64URL signature) {
        for (PreparedKey key : keys) {
            if (key.verify(header, input, signature)) {
                return true;
            }
        }
        return false;
    }

    private long revisionOf(String issuer) throws TokenRejection {
        Trusted t = issuers.get(issuer);
        if (t == null) {
            throw new TokenRejection(Reason.UNTRUSTED_ISSUER);
        }
        return t.keys().revision();
    }

    private void requireNotRevoked(VerifiedClaims claims) throws TokenRejection {
        if (revocations != Revocations.NONE && revocations.isRevoked(claims)) {
            debugReject(Reason.REVOKED, claims.issuer(), claims.kid(), claims.jti());
            throw new TokenRejection(Reason.REVOKED);
        }
    }

    private static Map<String, Object> parseJson(byte[] json) throws TokenRejection {
        try {
            return JSONObjectUtils.parse(new String(json, StandardCharsets.UTF_8));
        } catch (ParseException | RuntimeException e) {
            throw new TokenRejection(Reason.MALFORMED);
        }
    }

    /**
     * A rejection-only shortcut before parsing the claims: without any backslash, JSON strings are literal, so if no
     * trusted issuer appears as {@code "issuer"} anywhere in the payload, {@code iss} cannot name one. With a
     * backslash (escaped slashes are common) or an issuer that would need escaping, the full parse decides.
     */
    private boolean mayNameTrustedIssuer(byte[] payload) {
        if (issuerLiterals == null || payload.length == 0 || payload[0] != '{') {
            return true; // not a plain object: the parser reports it precisely
        }
        for (byte b : payload) {
            if (b == '\\') {
                return true;
            }
        }
        for (byte[] literal : issuerLiterals) {
            if (indexOf(payload, literal) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[][] literals(Set<String> issuers) {
        byte[][] out = new byte[issuers.size()][];
        int i = 0;
        for (String iss : issuers) {
            for (char c : iss.toCharArray()) {
                if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e) {
                    return null; // would need escaping: leave it to the parser
                }
            }
            out[i++] = ("\"" + iss + "\"").getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** A header that passed the policy, with its normalised {@code typ} ({@code none} when absent). */
    private record ParsedHeader(JWSHeader header, String type) {}

    /**
     * Headers repeat (one per issuer key and algorithm), so each distinct encoded header is parsed and judged once:
     * the verdict, a {@link ParsedHeader} or a {@link Reason}, is kept in a small bounded map. Exact string keys:
     * no parser differential, and a flood of distinct headers only costs the parse it would cost anyway.
     */
    private ParsedHeader header(TokenLimits.Segments seg) throws TokenRejection {
        Object known = headers.get(seg.header());
        if (known instanceof ParsedHeader p) {
            return p;
        }
        if (known instanceof Reason r) {
            throw new TokenRejection(r);
        }
        Object verdict;
        try {
            Map<String, Object> h = parseJson(seg.headerJson());
            JWSHeader header = checkHeader(h, seg.header());
            Object typ = h.get("typ");
            verdict = new ParsedHeader(header, typ == null ? "none" : normaliseType(typ));
        } catch (TokenRejection e) {
            verdict = e.reason();
        }
        if (headers.size() >= MAX_CACHED_HEADERS) {
            headers.clear();
        }
        headers.put(seg.header(), verdict);
        if (verdict instanceof Reason r) {
            throw new TokenRejection(r);
        }
        return (ParsedHeader) verdict;
    }

    private JWSHeader checkHeader(Map<String, Object> h, String encoded) throws TokenRejection {
        if (h.containsKey("enc")) {
            throw new TokenRejection(Reason.ENCRYPTED);
        }
        if (!(h.get("alg") instanceof String alg)) {
            throw new TokenRejection(Reason.MALFORMED);
        }
        if (alg.equalsIgnoreCase("none")) {
            throw new TokenRejection(Reason.UNSIGNED);
        }
        if (!settings.algorithms().contains(alg) || !KeyFit.SUPPORTED.contains(alg)) {
            throw new TokenRejection(Reason.ALGORITHM_NOT_ALLOWED);
        }
        if (h.containsKey("crit")) {
            throw new TokenRejection(Reason.UNSUPPORTED_CRIT); // we understand no critical extension
        }
        for (String name : EMBEDDED_KEY_HEADERS) {
            if (h.containsKey(name)) {
                throw new TokenRejection(Reason.EMBEDDED_KEY_NOT_TRUSTED);
            }
        }
        if (h.containsKey("typ")) {
            normaliseType(h.get("typ")); // must be a string; allowed values are per issuer, checked once it is known
        }
        if (h.containsKey("kid") && !(h.get("kid") instanceof String)) {
            throw new TokenRejection(Reason.MALFORMED);
        }
        try {
            return JWSHeader.parse(h, new Base64URL(encoded));
        } catch (ParseException | RuntimeException e) {
            throw new TokenRejection(Reason.MALFORMED);
        }
    }

    static String normaliseType(Object typ) throws TokenRejection {
        if (!(typ instanceof String s)) {
            throw new TokenRejection(Reason.MALFORMED);
        }
        String t = s.toLowerCase(Locale.ROOT);
        return t.startsWith("application/") ? t.substring("application/".length()) : t;
    }

    private VerifiedClaims checkClaims(Map<String, Object> map, String iss, String kid) throws TokenRejection {
        Object sub = map.get("sub");
        if (sub != null && !(sub instanceof String)) {
            throw new TokenRejection(Reason.INVALID_SUBJECT);
        }
        JWTClaimsSet claims;
        try {
            claims = JWTClaimsSet.parse(map);
        } catch (ParseException | RuntimeException e) {
            throw new TokenRejection(Reason.MALFORMED);
        }
        long now = clock.millis();
        long skew = settings.clockSkew().toMillis();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new TokenRejection(Reason.MISSING_EXPIRY);
        }
        if (now - skew >= exp.getTime()) {
            throw new TokenRejection(Reason.EXPIRED);
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now + skew < nbf.getTime()) {
            throw new TokenRejection(Reason.NOT_YET_VALID);
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.getTime() > now + skew) {
            throw new TokenRejection(Reason.ISSUED_IN_FUTURE);
        }
        long from = iat != null ? iat.getTime() : nbf != null ? nbf.getTime() : now;
        if (exp.getTime() - from > settings.maxLifetime().toMillis()) {
            throw new TokenRejection(Reason.LIFETIME_TOO_LONG);
        }
        if (!settings.audiences().isEmpty()) {
            List<String> aud = claims.getAudience();
            if (aud == null || aud.stream().noneMatch(settings.audiences()::contains)) {
                throw new TokenRejection(Reason.AUDIENCE_MISMATCH);
            }
        }
        for (String required : settings.requiredClaims()) {
            if (map.get(required) == null) {
                throw new TokenRejection(Reason.MISSING_CLAIM, "missing_required_claim:" + required);
            }
        }
        String jkt = null;
        if (map.get("cnf") instanceof Map<?, ?> cnf && cnf.get("jkt") instanceof String s) {
            jkt = s;
        }
        return new VerifiedClaims(
                iss,
                (String) sub,
                scopes(map),
                Map.copyOf(withoutNulls(map)),
                exp.getTime(),
                claims.getJWTID(),
                kid,
                jkt);
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        Map<String, Object> copy = new java.util.HashMap<>(map);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }

    /** Scopes or roles from the configured claim: a space-separated string or an array; a dotted path is followed. */
    private Set<String> scopes(Map<String, Object> map) {
        Object value = map;
        for (String part : settings.rolesClaim().split("\\.")) {
            value = value instanceof Map<?, ?> m ? m.get(part) : null;
        }
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof String s) {
            for (String p : s.trim().split("\\s+")) {
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
        }
        return Set.copyOf(out);
    }

    private static void debugReject(Reason reason, String iss, String kid, Object jti) {
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "vigil-jwt: rejected reason={0} iss={1} kid={2} jti#={3}",
                    reason.code(),
                    iss,
                    kid,
                    Hashing.logHash(jti instanceof String s ? s : null));
        }
    }
}
