package dev.vigil.policy.rules.container;

import com.fasterxml.jackson.databind.JsonNode;
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
            JsonNode mounts = c.json().path("volumeMounts");
            for (int i = 0; i < mounts.size(); i++) {
                String host = hostPaths.get(mounts.get(i).path("name").asText(""));
                if (host != null && !mounts.get(i).path("readOnly").asBoolean(false)) {
                    ctx.report(
                            c,
                            "volumeMounts[" + i + "]",
                            "container \"" + c.name() + "\" mounts host path \"" + host + "\" writable");
                }
            }
        }
    }
}
