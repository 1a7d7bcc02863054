package dev.vigil.webhook.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Namespace labels from a fabric8 informer against the fabric8 mock API server (CRUD mode, with watches). */
@EnableKubernetesMockClient(crud = true)
class InformerNamespaceLabelsTest {
    KubernetesClient client;

    @Test
    void levelsFollowNamespaceLabelsFromTheInformerCache() throws Exception {
        client.namespaces()
                .resource(namespace("team-a", Map.of("vigil.dev/enforce", "pss-restricted")))
                .create();
        client.namespaces().resource(namespace("team-b", Map.of())).create();
        try (InformerNamespaceLabels labels = InformerNamespaceLabels.start(client)) {
            waitFor(labels::synced);
            assertThat(labels.labels("team-a")).containsEntry("vigil.dev/enforce", "pss-restricted");
            assertThat(labels.labels("team-b")).doesNotContainKey("vigil.dev/enforce");
            assertThat(labels.labels("nowhere")).isNull();

            AdmissionReviewer reviewer = new AdmissionReviewer(AdmissionSettings.standard(), labels);
            assertThat(reviewer.validate(request("team-a")).allowed()).isFalse();
            assertThat(reviewer.validate(request("team-b")).allowed()).isTrue();

            client.namespaces()
                    .withName("team-a")
                    .edit(n -> new NamespaceBuilder(n)
                            .editMetadata()
                            .addToLabels("vigil.dev/enforce", "none")
                            .endMetadata()
                            .build());
            waitFor(() -> "none".equals(labels.labels("team-a").get("vigil.dev/enforce")));
            assertThat(reviewer.validate(request("team-a")).allowed()).isTrue();
        }
    }

    private static AdmissionRequestView request(String namespace) throws Exception {
        ObjectNode review = (ObjectNode) new ObjectMapper().readTree("""
                {"uid":"u1","kind":{"group":"","version":"v1","kind":"Pod"},
                 "resource":{"group":"","version":"v1","resource":"pods"},"operation":"CREATE",
                 "namespace":"%s","name":"plain","userInfo":{"username":"alice"},
                 "object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"plain"},
                   "spec":{"containers":[{"name":"app","image":"registry.example/app:1.0"}]}}}
                """.formatted(namespace));
        return AdmissionRequestView.from(review);
    }

    private static Namespace namespace(String name, Map<String, String> labels) {
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("kubernetes.io/metadata.name", name)
                .addToLabels(labels)
                .endMetadata()
                .build();
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
