package dev.vigil.jwt;

/**
 * The session store's backend cannot be reached: refresh and logout answer 503, and access tokens that need a
 * revocation check get 503 {@code store_unavailable} unless {@code vigil.jwt.revocation.on-store-failure=allow}.
 */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
