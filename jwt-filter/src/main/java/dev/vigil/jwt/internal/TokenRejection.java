package dev.vigil.jwt.internal;

/** A token was refused; carries a stable {@link Reason}. Cheap: no stack trace. */
public final class TokenRejection extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Reason reason;

    public TokenRejection(Reason reason) {
        this(reason, reason.code());
    }

    public TokenRejection(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
