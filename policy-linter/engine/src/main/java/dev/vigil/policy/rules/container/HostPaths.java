package dev.vigil.policy.rules.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Fields;
import dev.vigil.policy.PodSpec;
import java.util.ArrayList;
import java.util.List;

/** The hostPath volumes of a pod and the containers that mount them. */
final class HostPaths {
    /**
     * One hostPath volume.
     *
     * @param index its index in {@code volumes}
     * @param name the volume name
     * @param path the normalized host path
     */
    record HostPathVolume(int index, String name, String path) {
        String pathField(PodSpec pod) {
            return pod.path("volumes[" + index + "].hostPath.path");
        }
    }

    private HostPaths() {}

    static List<HostPathVolume> of(PodSpec pod) {
        List<HostPathVolume> out = new ArrayList<>();
        for (Fields.Item v : pod.objects("volumes")) {
            JsonNode hp = v.node().path("hostPath");
            if (hp.isObject()) {
                out.add(new HostPathVolume(
                        v.index(),
                        v.node().path("name").asText(""),
                        normalize(hp.path("path").asText(""))));
            }
        }
        return out;
    }

    /** Names of the containers that mount volume {@code name}. */
    static List<String> mountedBy(PodSpec pod, String name) {
        List<String> out = new ArrayList<>();
        for (PodSpec.Container c : pod.allContainers()) {
            for (Fields.Item m : c.objects("volumeMounts")) {
                if (m.node().path("name").asText("").equals(name)) {
                    out.add(c.name());
                    break;
                }
            }
        }
        return out;
    }

    static String normalize(String path) {
        String p = path.strip().replaceAll("/+", "/");
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    static String containers(List<String> names) {
        if (names.isEmpty()) {
            return "declared in the pod";
        }
        return "mounted on container" + (names.size() > 1 ? "s " : " ") + "\"" + String.join("\", \"", names) + "\"";
    }
}
