package dev.vigil.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * An issuer whose tokens the filter accepts, bound to its own key source: a token naming this issuer is only
 * ever checked against these keys. Create one with a factory per key source.
 */
public final class TrustedIssuer {
    /** Where the keys come from. */
    public enum SourceKind {
        JWKS_URI,
        DISCOVERY,
        JWKS_FILE,
        PEM_FILE,
        HMAC_SECRET_FILE,
        KEYS
    }

    private final String issuer;
    private final SourceKind kind;
    private final URI uri;
    private final Path file;
    private final JWKSet keys;
    private final Set<String> algorithms;

    private TrustedIssuer(String issuer, SourceKind kind, URI uri, Path file, JWKSet keys, Set<String> algorithms) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.kind = kind;
        this.uri = uri;
        this.file = file;
        this.keys = keys;
        this.algorithms = algorithms == null ? null : Set.copyOf(algorithms);
    }

    /** Keys from a JWKS URL (https, or http to loopback). */
    public static TrustedIssuer jwksUri(String issuer, URI jwksUri) {
        return new TrustedIssuer(issuer, SourceKind.JWKS_URI, Objects.requireNonNull(jwksUri), null, null, null);
    }

    /** Keys found through OIDC discovery (then RFC 8414 metadata) at the issuer URL itself. */
    public static TrustedIssuer discovery(String issuer) {
        return new TrustedIssuer(issuer, SourceKind.DISCOVERY, URI.create(issuer), null, null, null);
    }

    /** Keys found through discovery at another base URL; the document must still name {@code issuer}. */
    public static TrustedIssuer discovery(String issuer, URI base) {
        return new TrustedIssuer(issuer, SourceKind.DISCOVERY, Objects.requireNonNull(base), null, null, null);
    }

    /** Keys from a JWK set file, re-read every key-set TTL so that it can be rotated in place. */
    public static TrustedIssuer jwksFile(String issuer, Path file) {
        return new TrustedIssuer(issuer, SourceKind.JWKS_FILE, null, Objects.requireNonNull(file), null, null);
    }

    /** One PEM public key (RSA, EC or Ed25519). */
    public static TrustedIssuer pemFile(String issuer, Path file) {
        return new TrustedIssuer(issuer, SourceKind.PEM_FILE, null, Objects.requireNonNull(file), null, null);
    }

    /** An HMAC secret (at least 256 bits) in a file; HS256/384/512 must be allowed for this issuer explicitly. */
    public static TrustedIssuer hmacSecretFile(String issuer, Path file) {
        return new TrustedIssuer(issuer, SourceKind.HMAC_SECRET_FILE, null, Objects.requireNonNull(file), null, null);
    }

    /** A fixed key set, given in code. */
    public static TrustedIssuer keys(String issuer, JWKSet keys) {
        return new TrustedIssuer(issuer, SourceKind.KEYS, null, null, Objects.requireNonNull(keys), null);
    }

    /** The same issuer with its own algorithm allow-list instead of the global one. */
    public TrustedIssuer withAlgorithms(Set<String> algorithms) {
        return new TrustedIssuer(issuer, kind, uri, file, keys, algorithms);
    }

    public String issuer() {
        return issuer;
    }

    public SourceKind kind() {
        return kind;
    }

    /** The JWKS or discovery URL, or null. */
    public URI uri() {
        return uri;
    }

    /** The key file, or null. */
    public Path file() {
        return file;
    }

    /** The fixed keys, or null. */
    public JWKSet keys() {
        return keys;
    }

    /** This issuer's own algorithm allow-list, or null to use the global one. */
    public Set<String> algorithms() {
        return algorithms;
    }

    @Override
    public String toString() {
        String where = uri != null ? uri.toString() : file != null ? file.toString() : "(keys given in code)";
        return issuer + " via " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " " + where
                + (algorithms == null ? "" : " algorithms=" + algorithms);
    }
}
