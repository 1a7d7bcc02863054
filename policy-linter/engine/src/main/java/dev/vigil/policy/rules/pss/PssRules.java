package dev.vigil.policy.rules.pss;

import dev.vigil.policy.Rule;
import java.util.List;

/**
 * The Pod Security Standards checks, baseline then restricted, as Pod Security Admission
 * ({@code k8s.io/pod-security-admission/policy}) defines them for every policy version v1.0 … v1.37 and latest. One
 * rule per upstream check; baseline rules that a restricted check overrides upstream stay silent while that
 * restricted rule runs.
 */
public final class PssRules {
    private PssRules() {}

    public static List<Rule> all() {
        return List.of(
                new HostNamespaces(),
                new Privileged(),
                new CapabilitiesBaseline(),
                new HostPathVolumes(),
                new HostPorts(),
                new AppArmor(),
                new SeLinuxOptions(),
                new ProcMount(),
                new SeccompBaseline(),
                new Sysctls(),
                new WindowsHostProcess(),
                new HostProbesAndLifecycle(),
                new RestrictedVolumes(),
                new AllowPrivilegeEscalation(),
                new RunAsNonRoot(),
                new RunAsUser(),
                new SeccompRestricted(),
                new CapabilitiesRestricted(),
                new ProcMountRestricted());
    }
}
