package dev.vigil.jwt;

/**
 * A refresh, login or logout was refused. {@link #reason()} is a stable code: {@code invalid_refresh_token},
 * {@code refresh_token_reused} (the family is now revoked), {@code session_revoked}, {@code session_expired},
 * {@code device_mismatch}, {@code dpop_proof_invalid}, {@code origin_not_allowed}, {@code store_unavailable}.
 */
public final class RefreshException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;
    private final int status;

    RefreshException(String reason, int status) {
        super(reason, null, false, false);
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
