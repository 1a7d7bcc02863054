package dev.vigil.webhook.admission;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;

/**
 * Namespace labels from a fabric8 informer: one list, then a watch keeps an in-memory store current. Lookups
 * read the store and never call the API server; until the first list completes {@link #synced()} is false and
 * readiness waits.
 */
public final class InformerNamespaceLabels implements NamespaceLabels, AutoCloseable {
    private final SharedIndexInformer<Namespace> informer;

    private InformerNamespaceLabels(SharedIndexInformer<Namespace> informer) {
        this.informer = informer;
    }

    /** Starts watching namespaces with {@code client}; returns at once (the first list runs in the background). */
    public static InformerNamespaceLabels start(KubernetesClient client) {
        SharedIndexInformer<Namespace> informer = client.namespaces().runnableInformer(0);
        informer.start();
        return new InformerNamespaceLabels(informer);
    }

    @Override
    public Map<String, String> labels(String namespace) {
        if (namespace == null || namespace.isEmpty()) {
            return null;
        }
        Namespace ns = informer.getStore().getByKey(namespace);
        if (ns == null || ns.getMetadata() == null) {
            return null;
        }
        Map<String, String> labels = ns.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    @Override
    public boolean synced() {
        return informer.hasSynced();
    }

    @Override
    public void close() {
        informer.close();
    }

    @Override
    public String toString() {
        return "namespace labels from an informer (synced=" + synced() + ")";
    }
}
