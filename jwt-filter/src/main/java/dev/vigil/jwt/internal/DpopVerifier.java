package dev.vigil.jwt.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * RFC 9449 DPoP proofs: {@code typ dpop+jwt}, an asymmetric allow-listed alg, a public {@code jwk} that signed
 * it, {@code htm}, {@code htu}, {@code iat} within the window, {@code ath} when bound to an access token, and
 * {@code jti} replay. {@link #check} verifies a proof without recording it; the caller {@link #record}s it once the
 * request is otherwise authenticated, so that unauthenticated traffic never touches the replay cache.
 */
public final class DpopVerifier {
    private static final Set<String> ALGS = Set.of("RS256", "PS256", "ES256", "EdDSA", "Ed25519");

    private final Clock clock;
    private final Duration window;
    private final ProofReplay replay;

    /** With a per-JVM replay cache ({@link ProofReplay#DEFAULT_MAX_PER_KEY} live proofs per key). */
    public DpopVerifier(Clock clock, Duration window) {
        this(clock, window, new InMemoryProofReplay(clock, ProofReplay.DEFAULT_MAX_PER_KEY));
    }

    public DpopVerifier(Clock clock, Duration window, ProofReplay replay) {
        this.clock = clock;
        this.window = window;
        this.replay = replay;
    }

    /** A verified proof, not yet recorded: its key's thumbprint, its jti's hash, and when it stops being valid. */
    public record Proof(String thumbprint, String jtiHash, long validUntilMillis) {}

    /** {@link #check} and {@link #record} at once, for callers that have authenticated the request already. */
    public String verify(String proof, String method, String url, String accessToken) throws TokenRejection {
        Proof p = check(proof, method, url, accessToken);
        record(p);
        return p.thumbprint();
    }

    /** Refuses a proof whose jti this key presented before (or whose key has its allowance in use). */
    public void record(Proof p) throws TokenRejection {
        if (!replay.firstUse(p.thumbprint(), p.jtiHash(), p.validUntilMillis())) {
            throw new TokenRejection(Reason.DPOP_INVALID);
        }
    }

    /**
     * Verifies a proof's form, signature and claims, without recording it.
     *
     * @param accessToken the token the proof must be bound to via {@code ath}, or null (refresh, login)
     */
    public Proof check(String proof, String method, String url, String accessToken) throws TokenRejection {
        TokenLimits.Segments seg;
        Map<String, Object> h;
        Map<String, Object> c;
        try {
            seg = TokenLimits.check(proof);
            h = JSONObjectUtils.parse(new String(seg.headerJson(), StandardCharsets.UTF_8));
            c = JSONObjectUtils.parse(new String(seg.payloadJson(), StandardCharsets.UTF_8));
        } catch (TokenRejection | ParseException | RuntimeException e) {
            throw new TokenRejection(Reason.DPOP_INVALID);
        }
        if (!"dpop+jwt".equals(h.get("typ"))
                || !(h.get("alg") instanceof String alg)
                || !ALGS.contains(alg)
                || h.containsKey("crit")
                || !(h.get("jwk") instanceof Map<?, ?>)) {
            throw new TokenRejection(Reason.DPOP_INVALID);
        }
        try {
            JWSHeader header = JWSHeader.parse(h, new Base64URL(seg.header()));
            JWK jwk = header.getJWK();
            if (jwk == null || jwk.isPrivate() || !KeyFit.fits(jwk, alg)) {
                throw new TokenRejection(Reason.DPOP_INVALID);
            }
            PreparedKey key = PreparedKey.of(jwk);
            byte[] input = (seg.header() + "." + seg.payload()).getBytes(StandardCharsets.US_ASCII);
            if (key == null || !key.verify(header, input, new Base64URL(seg.signature()))) {
                throw new TokenRejection(Reason.DPOP_INVALID);
            }
            if (!method.equals(c.get("htm")) || !(c.get("htu") instanceof String htu) || !sameUrl(htu, url)) {
                throw new TokenRejection(Reason.DPOP_INVALID);
            }
            if (!(c.get("iat") instanceof Number iat) || !(c.get("jti") instanceof String jti) || jti.length() > 256) {
                throw new TokenRejection(Reason.DPOP_INVALID);
            }
            long now = clock.millis();
            long issued = iat.longValue() * 1000;
            if (Math.abs(now - issued) > window.toMillis()) {
                throw new TokenRejection(Reason.DPOP_INVALID);
            }
            if (accessToken != null
                    && !Hashing.constantTimeEquals(Hashing.sha256Url(accessToken), String.valueOf(c.get("ath")))) {
                throw new TokenRejection(Reason.DPOP_INVALID);
            }
            // accepted while |now - iat| <= window (iat has whole seconds): remember it at least that long
            long until = Math.max(now, issued) + window.toMillis() + 1000;
            return new Proof(jwk.computeThumbprint().toString(), Hashing.sha256Url(jti), until);
        } catch (ParseException | JOSEException | java.security.GeneralSecurityException e) {
            throw new TokenRejection(Reason.DPOP_INVALID);
        }
    }

    /** RFC 9449: htu without query and fragment; scheme and host compare case-insensitively, the path exactly. */
    private static boolean sameUrl(String htu, String url) {
        try {
            java.net.URI a = new java.net.URI(htu);
            java.net.URI b = new java.net.URI(url);
            return a.getScheme() != null
                    && a.getScheme().equalsIgnoreCase(b.getScheme())
                    && a.getRawAuthority() != null
                    && a.getRawAuthority().equalsIgnoreCase(b.getRawAuthority())
                    && java.util.Objects.equals(a.getRawPath(), b.getRawPath());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
