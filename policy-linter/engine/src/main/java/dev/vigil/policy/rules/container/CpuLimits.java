package dev.vigil.policy.rules.container;

/** Every container sets {@code resources.limits.cpu} (see {@link ResourceRule} for what counts). */
final class CpuLimits extends ResourceRule {
    CpuLimits() {
        super("cpu-limits", "limits", "cpu");
    }
}
