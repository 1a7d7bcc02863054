package dev.vigil.jwt;

import java.util.Objects;
import java.util.Set;

/**
 * A per-path rule. The pattern is exact ({@code /healthz}) or a prefix ending in {@code /*}
 * ({@code /api/admin/*}); the first matching rule wins; paths no rule matches are protected.
 */
public final class PathRule {
    /** What a matching request needs. */
    public enum Access {
        /** A valid token (and the rule's scopes, if any). */
        PROTECT,
        /** Nothing: the filter passes the request through. */
        PERMIT
    }

    private final String pattern;
    private final Access access;
    private final Set<String> scopes;

    private PathRule(String pattern, Access access, Set<String> scopes) {
        this.pattern = Objects.requireNonNull(pattern);
        this.access = access;
        this.scopes = Set.copyOf(scopes);
    }

    public static PathRule permit(String pattern) {
        return new PathRule(pattern, Access.PERMIT, Set.of());
    }

    public static PathRule protect(String pattern, Set<String> requiredScopes) {
        return new PathRule(pattern, Access.PROTECT, requiredScopes);
    }

    public static PathRule protect(String pattern) {
        return protect(pattern, Set.of());
    }

    public boolean matches(String path) {
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        return path.equals(pattern);
    }

    public String pattern() {
        return pattern;
    }

    public Access access() {
        return access;
    }

    public Set<String> scopes() {
        return scopes;
    }

    @Override
    public String toString() {
        return pattern + " " + access.name().toLowerCase(java.util.Locale.ROOT)
                + (scopes.isEmpty() ? "" : " " + scopes);
    }
}
