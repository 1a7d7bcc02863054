package dev.vigil.webhook;

/** How a violated profile affects an admission request, as in Pod Security Admission. */
public enum WebhookMode {
    /** The request is denied. */
    ENFORCE,
    /** The request is allowed and the user sees a warning. */
    WARN,
    /** The request is allowed and an audit annotation is recorded. */
    AUDIT
}
