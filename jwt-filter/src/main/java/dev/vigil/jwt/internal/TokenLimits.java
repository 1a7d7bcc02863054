package dev.vigil.jwt.internal;

/** Hard limits applied to an untrusted token before any decoding. */
public final class TokenLimits {
    /** Largest accepted compact token, in bytes. */
    public static final int MAX_TOKEN_BYTES = 8 * 1024;

    private TokenLimits() {}
}
