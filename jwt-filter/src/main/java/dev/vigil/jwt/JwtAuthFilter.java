package dev.vigil.jwt;

import dev.vigil.jwt.internal.BearerErrors;
import dev.vigil.jwt.internal.DpopVerifier;
import dev.vigil.jwt.internal.Reason;
import dev.vigil.jwt.internal.TokenRejection;
import dev.vigil.jwt.internal.VerifiedClaims;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Validates {@code Authorization: Bearer} (and DPoP) access tokens and answers RFC 6750 errors with an RFC 9457
 * body. On success the request carries a {@link JwtPrincipal} ({@code getUserPrincipal}, {@code isUserInRole}
 * from the roles claim) and the claims in the attribute {@link #CLAIMS_ATTRIBUTE}. With sessions enabled it
 * also serves the refresh and logout paths and publishes its {@link RefreshTokenService} as the servlet
 * context attribute {@link #SESSIONS_ATTRIBUTE}.
 *
 * <p>Install it from web.xml (init-params are {@code vigil.jwt.*} keys, or {@code vigil.jwt.config-file}),
 * with {@code ServletContext.addFilter}, or as a Spring Boot {@code FilterRegistrationBean}; see the README.
 */
public final class JwtAuthFilter implements Filter {
    /** Request attribute holding the verified claims as an unmodifiable {@code Map<String, Object>}. */
    public static final String CLAIMS_ATTRIBUTE = "dev.vigil.jwt.claims";
    /** Servlet context attribute holding the {@link RefreshTokenService}, when sessions are enabled. */
    public static final String SESSIONS_ATTRIBUTE = "dev.vigil.jwt.sessions";

    private static final System.Logger LOG = System.getLogger(JwtAuthFilter.class.getName());

    private JwtFilterConfig config;
    private RefreshTokenService sessions;
    private JwtValidator validator;
    private DpopVerifier dpop;
    private boolean ownsSessions;
    private final Supplier<Map<String, String>> environment;

    /**
     * For web.xml: configured in {@link #init(FilterConfig)} from the init-params, over {@code VIGIL_JWT_*}
     * environment variables, over the properties file named by the init-param {@code vigil.jwt.config-file}.
     */
    public JwtAuthFilter() {
        this(JwtFilterConfig::vigilEnvironment);
    }

    /** As {@link #JwtAuthFilter()}, reading the environment from the given supplier (for tests). */
    JwtAuthFilter(Supplier<Map<String, String>> environment) {
        this.environment = environment;
    }

    /** A filter for the given configuration; with sessions enabled it creates its own {@link RefreshTokenService}. */
    public JwtAuthFilter(JwtFilterConfig config) {
        this(config, config.sessionsEnabled() ? RefreshTokenService.create(config) : null);
        this.ownsSessions = sessions != null;
    }

    /** A filter that trusts and serves the given session service (may be null). */
    public JwtAuthFilter(JwtFilterConfig config, RefreshTokenService sessions) {
        this.environment = JwtFilterConfig::vigilEnvironment;
        setUp(config, sessions);
    }

    private void setUp(JwtFilterConfig config, RefreshTokenService sessions) {
        this.config = config;
        this.sessions = sessions;
        this.validator = sessions == null
                ? JwtValidator.create(config)
                : JwtValidator.withSessionIssuer(
                        config,
                        sessions.issuer(),
                        sessions.publicKeys(),
                        sessions.algorithms(),
                        sessions::isRevoked,
                        new dev.vigil.jwt.internal.JwtMetrics(config.meterRegistry()));
        this.dpop = sessions != null
                ? sessions.dpop()
                : new DpopVerifier(config.clock(), Duration.ofSeconds(60).plus(config.clockSkew()));
        validator.prefetch();
        LOG.log(System.Logger.Level.INFO, "{0}", config);
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        if (config == null) {
            Map<String, String> initParams = new HashMap<>();
            for (Enumeration<String> names = filterConfig.getInitParameterNames(); names.hasMoreElements(); ) {
                String name = names.nextElement();
                initParams.put(name, filterConfig.getInitParameter(name));
            }
            JwtFilterConfig c = JwtFilterConfig.fromInitParameters(initParams, environment);
            setUp(c, c.sessionsEnabled() ? RefreshTokenService.create(c) : null);
            ownsSessions = sessions != null;
        }
        if (sessions != null) {
            filterConfig.getServletContext().setAttribute(SESSIONS_ATTRIBUTE, sessions);
        }
    }

    /** The session service, or null when sessions are disabled. */
    public RefreshTokenService sessions() {
        return sessions;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String path = path(req);
        if (sessions != null && path.equals(config.refreshPath())) {
            sessions.endpoints().refresh(req, resp);
            return;
        }
        if (sessions != null && path.equals(config.logoutPath())) {
            sessions.endpoints().logout(req, resp);
            return;
        }
        PathRule rule = rule(path);
        if (rule != null && rule.access() == PathRule.Access.PERMIT) {
            chain.doFilter(request, response);
            return;
        }
        authenticate(req, resp, chain, rule);
    }

    private void authenticate(HttpServletRequest req, HttpServletResponse resp, FilterChain chain, PathRule rule)
            throws IOException, ServletException {
        List<String> headers = Collections.list(req.getHeaders("Authorization"));
        if (headers.size() > 1) {
            BearerErrors.invalidRequest(resp, config.realm(), "multiple_tokens");
            return;
        }
        String scheme = null;
        String token = null;
        if (headers.size() == 1) {
            String h = headers.get(0);
            int space = h.indexOf(' ');
            String s = space < 0 ? h : h.substring(0, space);
            if (s.equalsIgnoreCase("Bearer") || s.equalsIgnoreCase("DPoP")) {
                scheme = s.equalsIgnoreCase("Bearer") ? "Bearer" : "DPoP";
                token = space < 0 ? "" : h.substring(space + 1).strip();
                if (token.indexOf(',') >= 0 || token.indexOf(' ') >= 0) {
                    BearerErrors.invalidRequest(resp, config.realm(), "multiple_tokens");
                    return;
                }
            }
        }
        if (token == null) {
            BearerErrors.missingToken(resp, config.realm());
            return;
        }
        VerifiedClaims claims;
        try {
            claims = validator.verify(token);
            checkProofOfPossession(req, scheme, token, claims);
        } catch (TokenRejection e) {
            BearerErrors.invalidToken(
                    resp,
                    config.realm(),
                    e.reason(),
                    scheme,
                    e.reason() == Reason.STORE_UNAVAILABLE
                            ? SessionEndpoints.STORE_RETRY_AFTER_SECONDS
                            : validator.retryAfterSeconds());
            return;
        }
        JwtPrincipal principal = JwtValidator.principal(claims);
        if (rule != null && !principal.scopes().containsAll(rule.scopes())) {
            BearerErrors.insufficientScope(resp, config.realm(), String.join(" ", rule.scopes()));
            return;
        }
        req.setAttribute(CLAIMS_ATTRIBUTE, principal.claims());
        chain.doFilter(new AuthenticatedRequest(req, principal, scheme), resp);
    }

    /** A DPoP-bound token needs the DPoP scheme and a valid proof; a DPoP scheme needs a bound token. */
    private void checkProofOfPossession(HttpServletRequest req, String scheme, String token, VerifiedClaims claims)
            throws TokenRejection {
        String jkt = claims.confirmationThumbprint();
        if (jkt == null) {
            if (scheme.equals("DPoP")) {
                throw new TokenRejection(Reason.DPOP_INVALID);
            }
            return;
        }
        if (!scheme.equals("DPoP") || req.getHeader("DPoP") == null) {
            throw new TokenRejection(Reason.DPOP_REQUIRED);
        }
        DpopVerifier.Proof proof = dpop.check(
                req.getHeader("DPoP"), req.getMethod(), req.getRequestURL().toString(), token);
        if (!dev.vigil.jwt.internal.Hashing.constantTimeEquals(proof.thumbprint(), jkt)) {
            throw new TokenRejection(Reason.DPOP_INVALID);
        }
        dpop.record(proof); // only the token's own key ever fills its replay allowance
    }

    private PathRule rule(String path) {
        for (PathRule r : config.pathRules()) {
            if (r.matches(path)) {
                return r;
            }
        }
        return null;
    }

    /** The container-normalised path inside the context: servlet path plus path info. */
    private static String path(HttpServletRequest req) {
        String servletPath = req.getServletPath() == null ? "" : req.getServletPath();
        String info = req.getPathInfo() == null ? "" : req.getPathInfo();
        String p = servletPath + info;
        return p.isEmpty() ? "/" : p;
    }

    @Override
    public void destroy() {
        if (validator != null) {
            validator.close();
        }
        if (ownsSessions && sessions != null) {
            sessions.close();
        }
    }

    private static final class AuthenticatedRequest extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final JwtPrincipal principal;
        private final String scheme;

        AuthenticatedRequest(HttpServletRequest request, JwtPrincipal principal, String scheme) {
            super(request);
            this.principal = principal;
            this.scheme = scheme;
        }

        @Override
        public java.security.Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public String getRemoteUser() {
            return principal.getName();
        }

        @Override
        public boolean isUserInRole(String role) {
            return principal.scopes().contains(role);
        }

        @Override
        public String getAuthType() {
            return scheme.toUpperCase(Locale.ROOT).equals("DPOP") ? "DPoP" : "Bearer";
        }
    }
}
