package dev.vigil.webhook.http;

import java.util.function.BooleanSupplier;

/**
 * Readiness: true only once the engine is loaded, a TLS self-probe succeeded and the namespace cache is synced;
 * false again as soon as shutdown begins, so the Service stops routing here before in-flight requests drain.
 */
final class Readiness {
    private volatile boolean engineLoaded;
    private volatile boolean tlsProbed;
    private volatile boolean draining;
    private final BooleanSupplier namespacesSynced;

    Readiness(BooleanSupplier namespacesSynced) {
        this.namespacesSynced = namespacesSynced;
    }

    void engineLoaded() {
        engineLoaded = true;
    }

    void tlsProbed() {
        tlsProbed = true;
    }

    void draining() {
        draining = true;
    }

    boolean isDraining() {
        return draining;
    }

    /** Null when ready, else why not. */
    String notReadyReason() {
        if (draining) {
            return "shutting down";
        }
        if (!engineLoaded) {
            return "policy engine not loaded";
        }
        if (!tlsProbed) {
            return "TLS self-probe has not succeeded yet";
        }
        if (!namespacesSynced.getAsBoolean()) {
            return "namespace cache not synced";
        }
        return null;
    }
}
