package dev.vigil.policy.rules.container;

import dev.vigil.policy.Fields;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.HashMap;
import java.util.Map;

/** A container mounts a hostPath volume without {@code readOnly: true}: it can write to the node's filesystem. */
final class WritableHostPath extends BuiltInRule {
    WritableHostPath() {
        super("writable-host-path");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        Map<String, String> hostPaths = new HashMap<>();
        for (HostPaths.HostPathVolume v : HostPaths.of(pod)) {
            hostPaths.put(v.name(), v.path());
        }
        if (hostPaths.isEmpty()) {
            return;
        }
        for (PodSpec.Container c : pod.allContainers()) {
            for (Fields.Item m : c.objects("volumeMounts")) {
                String host = hostPaths.get(m.node().path("name").asText(""));
                if (host != null && !m.node().path("readOnly").asBoolean(false)) {
                    ctx.report(
                            c,
                            "volumeMounts[" + m.index() + "]",
                            "container \"" + c.name() + "\" mounts host path \"" + host + "\" writable");
                }
            }
        }
    }
}
