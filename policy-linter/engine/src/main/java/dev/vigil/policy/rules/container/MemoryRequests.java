package dev.vigil.policy.rules.container;

/** Every container sets {@code resources.requests.memory} (see {@link ResourceRule} for what counts). */
final class MemoryRequests extends ResourceRule {
    MemoryRequests() {
        super("memory-requests", "requests", "memory");
    }
}
