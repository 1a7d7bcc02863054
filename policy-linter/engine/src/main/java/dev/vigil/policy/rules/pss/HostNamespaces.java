package dev.vigil.policy.rules.pss;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.List;

/**
 * PSS baseline "Host Namespaces" (PSA check {@code hostNamespaces}, all versions): {@code spec.hostNetwork},
 * {@code spec.hostPID} and {@code spec.hostIPC} must be unset or false.
 */
final class HostNamespaces extends BuiltInRule {
    static final String ID = "pss-host-namespaces";
    private static final List<String> FIELDS = List.of("hostNetwork", "hostPID", "hostIPC");

    HostNamespaces() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (String field : FIELDS) {
            if (Pss.isTrue(pod.spec().path(field))) {
                ctx.report(pod.owner(), pod.path(field), "pod must not set " + field + "=true");
            }
        }
    }
}
