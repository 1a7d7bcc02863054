package dev.vigil.jwt;

import dev.vigil.jwt.internal.BearerErrors;
import dev.vigil.jwt.internal.DpopVerifier;
import dev.vigil.jwt.internal.Hashing;
import dev.vigil.jwt.internal.TokenRejection;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * The HTTP side of sessions: the refresh cookie ({@code Secure; HttpOnly; SameSite=Strict; Path=/}), a device
 * cookie, same-origin checks, DPoP proofs, and the refresh and logout endpoints (POST only). The filter routes
 * the configured refresh and logout paths here; the application calls {@link #login} after it has checked the
 * user's credentials.
 */
public final class SessionEndpoints {
    private final RefreshTokenService service;
    private final JwtFilterConfig config;
    private final DpopVerifier dpop;
    private final String deviceCookie;
    private final SecureRandom random = new SecureRandom();

    SessionEndpoints(RefreshTokenService service, JwtFilterConfig config) {
        this.service = service;
        this.config = config;
        this.dpop = service.dpop();
        this.deviceCookie = config.cookieName().startsWith("__Host-") ? "__Host-vigil-device" : "vigil-device";
    }

    /**
     * Starts a session for an authenticated user: sets the refresh and device cookies and returns the tokens
     * (write them with {@link #writeTokens}). A {@code DPoP} header, when present, binds the session to its key.
     *
     * @throws RefreshException {@code origin_not_allowed} (403) or {@code dpop_proof_invalid} (401)
     */
    public SessionTokens login(String subject, Set<String> scopes, HttpServletRequest req, HttpServletResponse resp)
            throws RefreshException {
        requireSameOrigin(req);
        String thumbprint = dpopThumbprint(req);
        String device = cookie(req, deviceCookie);
        if (device == null || !device.matches("[A-Za-z0-9_-]{22}")) {
            byte[] b = new byte[16];
            random.nextBytes(b);
            device = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            setCookie(
                    resp, deviceCookie, device, config.refreshAbsoluteLifetime().toSeconds());
        }
        SessionTokens tokens = service.login(subject, scopes, binding(thumbprint, device, req), thumbprint);
        setCookie(resp, config.cookieName(), tokens.refreshToken(), tokens.refreshExpiresInSeconds());
        return tokens;
    }

    /** Writes {@code {"access_token","token_type","expires_in"}} with {@code Cache-Control: no-store}. */
    public void writeTokens(HttpServletResponse resp, SessionTokens tokens) throws IOException {
        resp.setStatus(200);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("application/json");
        byte[] body = ("{\"access_token\":\"" + tokens.accessToken() + "\",\"token_type\":\"" + tokens.tokenType()
                        + "\",\"expires_in\":" + tokens.expiresInSeconds() + "}")
                .getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /** POST refresh: rotates the cookie's token and answers with a new access token. */
    public void refresh(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            requirePost(req);
            requireSameOrigin(req);
            SessionTokens tokens = service.refresh(cookie(req, config.cookieName()), new RequestDevice(req));
            if (tokens.refreshToken() != null) {
                setCookie(resp, config.cookieName(), tokens.refreshToken(), tokens.refreshExpiresInSeconds());
            }
            writeTokens(resp, tokens);
        } catch (RefreshException e) {
            fail(resp, e);
        }
    }

    /** POST logout: revokes the cookie's family and clears the cookie; 204 even without a session. */
    public void logout(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            requirePost(req);
            requireSameOrigin(req);
            service.logout(cookie(req, config.cookieName()));
            setCookie(resp, config.cookieName(), "", 0);
            resp.setHeader("Cache-Control", "no-store");
            resp.setStatus(204);
        } catch (RefreshException e) {
            fail(resp, e);
        }
    }

    /**
     * The refresh request's device: its DPoP proof is verified only once the cookie names a live family, and
     * recorded only once the family's binding matched, so throw-away requests never reach the replay cache.
     */
    private final class RequestDevice implements RefreshTokenService.Device {
        private final HttpServletRequest req;
        private DpopVerifier.Proof proof;
        private boolean recorded;

        RequestDevice(HttpServletRequest req) {
            this.req = req;
        }

        @Override
        public RefreshTokenService.Binding resolve() throws RefreshException {
            String header = req.getHeader("DPoP");
            String thumbprint = null;
            if (header != null) {
                try {
                    proof = dpop.check(
                            header, req.getMethod(), req.getRequestURL().toString(), null);
                } catch (TokenRejection e) {
                    throw new RefreshException("dpop_proof_invalid", 401);
                }
                thumbprint = proof.thumbprint();
            }
            String device = cookie(req, deviceCookie);
            return new RefreshTokenService.Binding(binding(thumbprint, device == null ? "" : device, req), thumbprint);
        }

        @Override
        public void confirm() throws RefreshException {
            if (proof != null && !recorded) {
                try {
                    dpop.record(proof);
                } catch (TokenRejection e) {
                    throw new RefreshException("dpop_proof_invalid", 401);
                }
                recorded = true;
            }
        }
    }

    /** {@code Retry-After} of every 503 {@code store_unavailable}, from the endpoints and from the filter. */
    static final int STORE_RETRY_AFTER_SECONDS = 5;

    /** Refusals that end the session clear its cookie; a bad proof, a 403 or a 503 leave it alone. */
    private static final Set<String> SESSION_ENDED = Set.of(
            "invalid_refresh_token", "refresh_token_reused", "session_revoked", "session_expired", "device_mismatch");

    private void fail(HttpServletResponse resp, RefreshException e) throws IOException {
        if (SESSION_ENDED.contains(e.reason())) {
            setCookie(resp, config.cookieName(), "", 0);
        }
        if (e.status() == 503) {
            resp.setHeader("Retry-After", Integer.toString(STORE_RETRY_AFTER_SECONDS));
        }
        if (e.status() == 405) {
            resp.setHeader("Allow", "POST");
        }
        String title = switch (e.status()) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 405 -> "Method Not Allowed";
            default -> "Service Unavailable";
        };
        BearerErrors.problem(resp, e.status(), title, e.reason());
    }

    private static void requirePost(HttpServletRequest req) throws RefreshException {
        if (!"POST".equals(req.getMethod())) {
            throw new RefreshException("method_not_allowed", 405);
        }
    }

    /** Cross-site requests get 403: the Origin must be the request's own origin or an allowed one. */
    void requireSameOrigin(HttpServletRequest req) throws RefreshException {
        String origin = req.getHeader("Origin");
        if (origin == null
                || !(origin.equalsIgnoreCase(ownOrigin(req))
                        || config.allowedOrigins().contains(origin))) {
            throw new RefreshException("origin_not_allowed", 403);
        }
    }

    static String ownOrigin(HttpServletRequest req) {
        String scheme = req.getScheme().toLowerCase(Locale.ROOT);
        int port = req.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + req.getServerName() + (defaultPort ? "" : ":" + port);
    }

    private String dpopThumbprint(HttpServletRequest req) throws RefreshException {
        String proof = req.getHeader("DPoP");
        if (proof == null) {
            return null;
        }
        try {
            return dpop.verify(proof, req.getMethod(), req.getRequestURL().toString(), null);
        } catch (TokenRejection e) {
            throw new RefreshException("dpop_proof_invalid", 401);
        }
    }

    private static String binding(String thumbprint, String device, HttpServletRequest req) {
        if (thumbprint != null) {
            return "jkt:" + thumbprint;
        }
        String ua = req.getHeader("User-Agent");
        return "device:" + device + "\n" + Hashing.sha256Url(ua == null ? "" : ua);
    }

    static String cookie(HttpServletRequest req, String name) {
        Cookie[] cookies = req.getCookies();
        if (cookies == null) {
            return null;
        }
        String found = null;
        for (Cookie c : cookies) {
            if (c.getName().equals(name)) {
                if (found != null) {
                    return null; // two cookies of one name: refuse to guess
                }
                found = c.getValue();
            }
        }
        return found;
    }

    private static void setCookie(HttpServletResponse resp, String name, String value, long maxAgeSeconds) {
        resp.addHeader(
                "Set-Cookie",
                name + "=" + value + "; Max-Age=" + maxAgeSeconds + "; Path=/; Secure; HttpOnly; SameSite=Strict");
    }
}
