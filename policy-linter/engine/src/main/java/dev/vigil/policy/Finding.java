package dev.vigil.policy;

/**
 * One violation of one rule by one object: a value, never an exception.
 *
 * @param ruleId the rule
 * @param severity effective severity (after configuration overrides)
 * @param message short reason naming the offending value and container, always shown
 * @param resource the object
 * @param path the offending field, e.g. {@code spec.containers[0].securityContext.privileged}
 * @param position where that field is in the input
 * @param remediation how to fix it
 * @param suppression null when the finding counts; otherwise why it does not (annotation or exemption reason)
 * @param pss for Pod Security Standards rules: the level and version the object was checked at and why; null for
 *     other rules
 */
public record Finding(
        String ruleId,
        Severity severity,
        String message,
        Resource resource,
        String path,
        SourcePosition position,
        String remediation,
        String suppression,
        PssCheck pss) {
    /** A finding of a rule that is not a Pod Security Standards check. */
    public Finding(
            String ruleId,
            Severity severity,
            String message,
            Resource resource,
            String path,
            SourcePosition position,
            String remediation,
            String suppression) {
        this(ruleId, severity, message, resource, path, position, remediation, suppression, null);
    }

    public boolean suppressed() {
        return suppression != null;
    }

    /** A copy of this finding marked as suppressed for {@code reason}. */
    public Finding suppress(String reason) {
        return new Finding(ruleId, severity, message, resource, path, position, remediation, reason, pss);
    }
}
