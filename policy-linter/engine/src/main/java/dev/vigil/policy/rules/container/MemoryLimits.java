package dev.vigil.policy.rules.container;

/** Every container sets {@code resources.limits.memory} (see {@link ResourceRule} for what counts). */
final class MemoryLimits extends ResourceRule {
    MemoryLimits() {
        super("memory-limits", "limits", "memory");
    }
}
