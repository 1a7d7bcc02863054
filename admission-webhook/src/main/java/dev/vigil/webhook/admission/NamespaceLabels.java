package dev.vigil.webhook.admission;

import java.util.Map;

/**
 * Where the labels of a namespace come from. Implementations answer from memory (an informer cache, a fixed
 * map): this is called on the request path and must never block on the API server.
 */
public interface NamespaceLabels {
    /** No API server: every namespace uses the cluster defaults. */
    NamespaceLabels NONE = new NamespaceLabels() {
        @Override
        public Map<String, String> labels(String namespace) {
            return null;
        }

        @Override
        public boolean synced() {
            return true;
        }

        @Override
        public String toString() {
            return "no namespace labels (--no-kube)";
        }
    };

    /** The labels of {@code namespace}, or null when the namespace is unknown (the defaults apply). */
    Map<String, String> labels(String namespace);

    /** True once the cache holds every namespace (readiness waits for it). */
    boolean synced();

    /** A fixed map, for tests and for configurations without an API server. */
    static NamespaceLabels of(Map<String, Map<String, String>> byNamespace) {
        Map<String, Map<String, String>> copy = Map.copyOf(byNamespace);
        return new NamespaceLabels() {
            @Override
            public Map<String, String> labels(String namespace) {
                return copy.get(namespace);
            }

            @Override
            public boolean synced() {
                return true;
            }
        };
    }
}
