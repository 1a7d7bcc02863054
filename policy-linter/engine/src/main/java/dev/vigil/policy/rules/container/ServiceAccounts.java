package dev.vigil.policy.rules.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import java.util.Optional;

/** Which ServiceAccount a pod uses and whether its token is mounted. */
final class ServiceAccounts {
    private ServiceAccounts() {}

    /** {@code serviceAccountName}, else the deprecated {@code serviceAccount}, else {@code default}. */
    static String name(PodSpec pod) {
        String name = pod.spec().path("serviceAccountName").asText("");
        if (name.isEmpty()) {
            name = pod.spec().path("serviceAccount").asText("");
        }
        return name.isEmpty() ? "default" : name;
    }

    /** The path of the field naming the account, or the pod spec when none does. */
    static String namePath(PodSpec pod) {
        if (pod.spec().hasNonNull("serviceAccountName")) {
            return pod.path("serviceAccountName");
        }
        if (pod.spec().hasNonNull("serviceAccount")) {
            return pod.path("serviceAccount");
        }
        return pod.specPath();
    }

    /** The ServiceAccount object of the input the pod uses, if the input has it. */
    static Optional<Resource> account(PodSpec pod, ResourceSet set) {
        return Optional.ofNullable(set.named("ServiceAccount", pod.owner().namespace(), name(pod)));
    }

    /** {@code automountServiceAccountToken} of the pod, else of its ServiceAccount in the input; empty when unset. */
    static Optional<Boolean> automount(PodSpec pod, ResourceSet set) {
        JsonNode own = pod.spec().path("automountServiceAccountToken");
        if (own.isBoolean()) {
            return Optional.of(own.booleanValue());
        }
        return account(pod, set)
                .map(sa -> sa.json().path("automountServiceAccountToken"))
                .filter(JsonNode::isBoolean)
                .map(JsonNode::booleanValue);
    }
}
