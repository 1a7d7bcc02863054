package dev.vigil.policy.rules.container;

import dev.vigil.policy.Rule;
import java.util.List;

/** Container and pod-spec rules beyond the Pod Security Standards: images, security context, resources, probes. */
public final class ContainerRules {
    private ContainerRules() {}

    public static List<Rule> all() {
        return List.of(
                new ImageTagLatest(),
                new ImageTagMissing(),
                new ImageNoDigest(),
                new ImagePullPolicy(),
                new ReadOnlyRootFilesystem(),
                new RunAsNonRoot(),
                new RunAsHighUid(),
                new RunAsRootGroup(),
                new DangerousCapabilities(),
                new NetRawNotDropped(),
                new CpuRequests(),
                new CpuLimits(),
                new MemoryRequests(),
                new MemoryLimits(),
                new LivenessProbe(),
                new ReadinessProbe(),
                new ProbePortNotExposed(),
                new ProbesIdentical(),
                new EnvSecretLiteral(),
                new EnvSecretNameLiteral(),
                new EnvFromSecret(),
                new EnvSecretKeyRef(),
                new DuplicateEnvVar(),
                new ContainerRuntimeSocket(),
                new SensitiveHostPath(),
                new WritableHostPath(),
                new PrivilegedPort(),
                new SshPort(),
                new AutomountServiceAccountToken(),
                new DefaultServiceAccount(),
                new DeprecatedServiceAccountField(),
                new NonExistentServiceAccount(),
                new HostAliases());
    }
}
