package dev.vigil.policy.rules.network;

import dev.vigil.policy.Rule;
import java.util.List;

/**
 * Networking rules: exposed Services, Ingress TLS, and cross-object checks over the whole input (Services,
 * NetworkPolicies, PodDisruptionBudgets, autoscalers, ServiceMonitors and Ingresses that select nothing).
 */
public final class NetworkRules {
    private NetworkRules() {}

    public static List<Rule> all() {
        return List.of(
                new ServiceNodePort(),
                new ServiceLoadBalancer(),
                new IngressTls(),
                new ServiceSelectsNothing(),
                new ServiceTargetPortMissing(),
                new NetworkPolicySelectsNothing(),
                new NetworkPolicyMissing(),
                new PdbSelectsNothing(),
                new HpaTargetMissing(),
                new ServiceMonitorSelectsNothing(),
                new IngressBackendMissing(),
                new StatefulSetServiceName());
    }
}
