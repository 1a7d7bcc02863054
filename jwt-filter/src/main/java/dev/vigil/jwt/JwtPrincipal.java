package dev.vigil.jwt;

import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** The verified caller: {@link #getName()} is {@code sub}; scopes come from the configured roles claim. */
public final class JwtPrincipal implements Principal {
    private final String subject;
    private final String issuer;
    private final Set<String> scopes;
    private final Map<String, Object> claims;
    private final Instant expiresAt;
    private final String jti;

    JwtPrincipal(
            String subject,
            String issuer,
            Set<String> scopes,
            Map<String, Object> claims,
            Instant expiresAt,
            String jti) {
        this.subject = subject;
        this.issuer = issuer;
        this.scopes = scopes;
        this.claims = claims;
        this.expiresAt = expiresAt;
        this.jti = jti;
    }

    @Override
    public String getName() {
        return subject;
    }

    public String issuer() {
        return issuer;
    }

    public Set<String> scopes() {
        return scopes;
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** Every verified claim, unmodifiable. */
    public Map<String, Object> claims() {
        return claims;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** The token id, or null. */
    public String jti() {
        return jti;
    }

    @Override
    public String toString() {
        return "JwtPrincipal[sub=" + subject + ", iss=" + issuer + ", scopes=" + scopes + "]";
    }
}
