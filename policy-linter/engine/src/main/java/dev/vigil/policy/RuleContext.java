package dev.vigil.policy;

/** What a rule sees besides the object: the configuration, the whole input, and where to report. */
public interface RuleContext {
    /** The effective configuration of this run. */
    PolicyConfig config();

    /** The Pod Security Standards version that applies to {@code resource} (configuration or namespace labels). */
    PssVersion pssVersion(Resource resource);

    /** Every object of the run. */
    ResourceSet resources();

    /**
     * True when the rule {@code ruleId} runs in this evaluation. Pod Security Standards restricted checks replace
     * some baseline checks (as Pod Security Admission's overrides do); a baseline rule asks whether its replacement
     * runs. Default: false (no rule is known to run).
     */
    default boolean isRuleActive(String ruleId) {
        return false;
    }

    /**
     * Reports a violation.
     *
     * @param resource the offending object
     * @param path the offending field relative to the object, e.g. {@code spec.containers[0].image}
     * @param message short reason naming the offending value and container
     */
    void report(Resource resource, String path, String message);

    /**
     * Reports a violation whose severity the input itself decides (e.g. the {@code validationActions} of a
     * ValidatingAdmissionPolicyBinding), unless the configuration re-rates the rule. Default: {@link
     * #report(Resource, String, String)}.
     *
     * @param severity the severity for this finding, or null for the rule's
     */
    default void report(Resource resource, String path, String message, Severity severity) {
        report(resource, path, message);
    }

    /** Reports a violation at a field of a container, e.g. {@code report(c, "securityContext.privileged", …)}. */
    default void report(PodSpec.Container container, String field, String message) {
        report(container.pod().owner(), field.isEmpty() ? container.path() : container.path(field), message);
    }
}
