package dev.vigil.policy.rules.container;

/** Every container sets {@code resources.requests.cpu} (see {@link ResourceRule} for what counts). */
final class CpuRequests extends ResourceRule {
    CpuRequests() {
        super("cpu-requests", "requests", "cpu");
    }
}
