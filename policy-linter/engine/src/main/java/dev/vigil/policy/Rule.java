package dev.vigil.policy;

/**
 * A policy rule. Rules are stateless and thread-safe; the engine calls the hooks a rule overrides. A rule
 * reports findings through the {@link RuleContext}; it never throws for a non-compliant object.
 */
public interface Rule {
    /** The rule's metadata (from its folder's {@code rule.yaml} for built-in rules). */
    RuleMetadata metadata();

    /** Called once per object. */
    default void checkResource(Resource resource, RuleContext ctx) {}

    /** Called once per pod spec (Pods, every controller's template, pod templates inside custom resources). */
    default void checkPod(PodSpec pod, RuleContext ctx) {}

    /** Called once per run with all objects, for rules that relate objects to each other. */
    default void checkAll(ResourceSet set, RuleContext ctx) {}
}
