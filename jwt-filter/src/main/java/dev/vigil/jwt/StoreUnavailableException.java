package dev.vigil.jwt;

/** The session store's backend cannot be reached; refresh answers 503, access tokens keep validating. */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
