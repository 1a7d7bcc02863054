package dev.vigil.policy.rules.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.rules.support.LabelSelectors;
import dev.vigil.policy.rules.support.Workloads;
import java.util.ArrayList;
import java.util.List;

/** Services and the pod templates they select. */
final class Services {
    private Services() {}

    static boolean isService(Resource r) {
        return r.kind().equals("Service") && r.apiVersion().equals("v1");
    }

    /** The pod specs of the input in the Service's namespace that its selector selects. */
    static List<PodSpec> selectedPods(ResourceSet set, Resource service) {
        JsonNode selector = service.json().path("spec").path("selector");
        List<PodSpec> out = new ArrayList<>();
        for (PodSpec pod : Workloads.podsIn(set, service.namespace())) {
            if (LabelSelectors.mapMatches(selector, pod.labels())) {
                out.add(pod);
            }
        }
        return out;
    }

    /** The Services of the input in {@code namespace}. */
    static List<Resource> in(ResourceSet set, String namespace) {
        return set.ofKind("Service").stream()
                .filter(Services::isService)
                .filter(s -> s.namespace().equals(namespace))
                .toList();
    }
}
