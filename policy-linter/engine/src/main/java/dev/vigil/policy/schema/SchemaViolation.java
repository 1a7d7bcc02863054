package dev.vigil.policy.schema;

/**
 * One way an object does not match its schema.
 *
 * @param type what is wrong
 * @param path the offending field in the engine's path syntax, e.g. {@code spec.template.spec.containers[0].imagePullPolicyy}
 *     (for a missing required field: the object that lacks it)
 * @param message what users see
 */
public record SchemaViolation(Type type, String path, String message) {
    /** The kinds of schema violations; each is reported by its own rule. */
    public enum Type {
        /** A field the schema does not define (strict, like {@code kubeconform -strict}). */
        UNKNOWN_FIELD,
        /** A value of the wrong JSON type. */
        WRONG_TYPE,
        /** A required field is missing. */
        MISSING_REQUIRED,
        /** Any other constraint (enum, pattern, range, …). */
        INVALID_VALUE
    }
}
