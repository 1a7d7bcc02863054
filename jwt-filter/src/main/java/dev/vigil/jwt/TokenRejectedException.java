package dev.vigil.jwt;

/**
 * A token was refused. {@link #reason()} is a stable code (for example {@code token_expired}, see the README),
 * {@link #status()} the HTTP status the filter answers with: 401, or 503 when the issuer's keys are
 * unavailable beyond the max-stale bound.
 */
public final class TokenRejectedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;
    private final int status;

    TokenRejectedException(String reason, int status, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.status = status;
    }

    public String reason() {
        return reason;
    }

    public int status() {
        return status;
    }
}
