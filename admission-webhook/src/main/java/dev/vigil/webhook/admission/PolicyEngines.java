package dev.vigil.webhook.admission;

import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link PolicyEngine} per level, built on first use from the base configuration (rules, severities,
 * exemptions, custom rules of {@code --config}) with the level's profile and PSS version. Engines are immutable
 * and shared by all requests.
 */
final class PolicyEngines {
    private final PolicyConfig base;
    private final Map<Level, PolicyEngine> engines = new ConcurrentHashMap<>();

    PolicyEngines(PolicyConfig base) {
        this.base = base;
    }

    PolicyEngine get(Level level) {
        return engines.computeIfAbsent(level, this::build);
    }

    private PolicyEngine build(Level level) {
        PolicyConfig config = base.toBuilder()
                .profiles(List.of(level.profile()))
                .pssVersion(level.version())
                .build();
        return PolicyEngine.create(config);
    }
}
