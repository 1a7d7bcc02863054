package dev.vigil.webhook.admission;

import dev.vigil.webhook.WebhookMode;
import java.util.Objects;

/** The level of each mode for one namespace (or the cluster defaults). */
public record ModeLevels(Level enforce, Level warn, Level audit) {
    public ModeLevels {
        Objects.requireNonNull(enforce, "enforce");
        Objects.requireNonNull(warn, "warn");
        Objects.requireNonNull(audit, "audit");
    }

    public Level of(WebhookMode mode) {
        return switch (mode) {
            case ENFORCE -> enforce;
            case WARN -> warn;
            case AUDIT -> audit;
        };
    }

    @Override
    public String toString() {
        return "enforce=" + enforce + " warn=" + warn + " audit=" + audit;
    }
}
