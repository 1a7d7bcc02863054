package dev.vigil.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All objects of one lint run or one admission request, with their pod specs found once. Cross-object rules
 * (a Service selecting no pod, a PDB selecting nothing) look at the whole set.
 */
public final class ResourceSet {
    private static final Set<String> TEMPLATE_KINDS =
            Set.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController");
    private static final int MAX_SHAPE_DEPTH = 6;

    private final List<Resource> resources;
    private final Map<Resource, List<PodSpec>> podSpecs;
    private final List<PodSpec> allPodSpecs;
    /** {@link #podSpecs} of {@code resources.get(i)} at {@code i}: the engine walks the input by position. */
    private final List<List<PodSpec>> podSpecsByIndex;

    private final Map<String, List<Resource>> byKind;
    private final Map<String, List<PodSpec>> podSpecsByNamespace;

    private ResourceSet(List<Resource> resources) {
        this.resources = List.copyOf(resources);
        Map<Resource, List<PodSpec>> specs = new java.util.IdentityHashMap<>();
        List<PodSpec> all = new ArrayList<>();
        Map<String, List<Resource>> kinds = new java.util.HashMap<>();
        Map<String, List<PodSpec>> byNamespace = new java.util.HashMap<>();
        List<List<PodSpec>> byIndex = new ArrayList<>(this.resources.size());
        for (Resource r : this.resources) {
            List<PodSpec> found = findPodSpecs(r);
            if (!found.isEmpty()) {
                specs.put(r, found);
                all.addAll(found);
                byNamespace
                        .computeIfAbsent(r.namespace(), k -> new ArrayList<>())
                        .addAll(found);
            }
            kinds.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r);
        }
        this.podSpecs = specs;
        for (Resource r : this.resources) {
            byIndex.add(specs.getOrDefault(r, Collections.emptyList())); // the very lists podSpecs(r) returns
        }
        this.podSpecsByIndex = byIndex;
        this.allPodSpecs = Collections.unmodifiableList(all);
        // indexed once: cross-object rules look kinds up per object, which must not scan the whole input
        kinds.replaceAll((k, v) -> Collections.unmodifiableList(v));
        this.byKind = kinds;
        byNamespace.replaceAll((k, v) -> Collections.unmodifiableList(v));
        this.podSpecsByNamespace = byNamespace;
    }

    public static ResourceSet of(List<Resource> resources) {
        return new ResourceSet(resources);
    }

    public List<Resource> resources() {
        return resources;
    }

    /** The pod specs of {@code resource}: none for non-workloads, usually one. */
    public List<PodSpec> podSpecs(Resource resource) {
        return podSpecs.getOrDefault(resource, Collections.emptyList());
    }

    /** The pod specs of {@code resources().get(index)} (the same list as {@link #podSpecs(Resource)}). */
    List<PodSpec> podSpecsAt(int index) {
        return podSpecsByIndex.get(index);
    }

    /** Every pod spec of every resource, in input order. */
    public List<PodSpec> allPodSpecs() {
        return allPodSpecs;
    }

    /**
     * The pod specs of the objects in {@code namespace} (the empty string: objects without a namespace), in input
     * order; indexed once, for cross-object rules that relate Services, PDBs or NetworkPolicies to pods.
     */
    public List<PodSpec> podSpecsIn(String namespace) {
        return podSpecsByNamespace.getOrDefault(namespace, Collections.emptyList());
    }

    private final java.util.concurrent.ConcurrentMap<Object, java.util.concurrent.FutureTask<Object>> derived =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * An index over this set that rules build once and share, e.g. HorizontalPodAutoscalers by target. Computed on
     * first use for {@code key} (use a constant, unique key); the set is read-only, so the value never goes stale.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(Object key, java.util.function.Function<ResourceSet, T> compute) {
        // computed by the first thread that asks; threads asking meanwhile (rules run in parallel) wait for it
        // rather than building the same index again
        Object v = derived.get(key);
        if (v == null) {
            java.util.concurrent.FutureTask<Object> task =
                    new java.util.concurrent.FutureTask<>(() -> compute.apply(this));
            v = derived.putIfAbsent(key, task);
            if (v == null) {
                v = task;
                task.run();
            }
        }
        try {
            return (T) ((java.util.concurrent.FutureTask<Object>) v).get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while an index of the input was built", e);
        }
    }

    /** The objects of one kind, in input order. */
    public List<Resource> ofKind(String kind) {
        return byKind.getOrDefault(kind, Collections.emptyList());
    }

    private static final Object BY_NAMESPACE_KEY = new Object();
    private static final Object BY_NAME_KEY = new Object();

    /**
     * The objects of one kind in one namespace (the empty string: objects without a namespace), in input order;
     * indexed once, for rules that look objects up per workload.
     */
    public List<Resource> ofKindIn(String kind, String namespace) {
        Map<String, List<Resource>> index = derived(BY_NAMESPACE_KEY, s -> {
            Map<String, List<Resource>> out = new java.util.HashMap<>();
            for (Resource r : s.resources) {
                out.computeIfAbsent(key(r.kind(), r.namespace(), null), k -> new ArrayList<>())
                        .add(r);
            }
            return out;
        });
        return index.getOrDefault(key(kind, namespace, null), Collections.emptyList());
    }

    /** The first object of the input (in input order) with this kind, namespace and name; null when there is none. */
    public Resource named(String kind, String namespace, String name) {
        Map<String, Resource> index = derived(BY_NAME_KEY, s -> {
            Map<String, Resource> out = new java.util.HashMap<>();
            for (Resource r : s.resources) {
                out.putIfAbsent(key(r.kind(), r.namespace(), r.name()), r);
            }
            return out;
        });
        return index.get(key(kind, namespace, name));
    }

    private static String key(String kind, String namespace, String name) {
        return name == null ? kind + '\u0000' + namespace : kind + '\u0000' + namespace + '\u0000' + name;
    }

    /**
     * Where the pod specs of a resource are: by kind for Pod, the built-in controllers and PodTemplate; by shape
     * (an object with a {@code containers} list of objects with an {@code image}) inside any other kind, so
     * custom resources such as Argo Rollouts or Knative Services are linted like any workload.
     */
    static List<PodSpec> findPodSpecs(Resource r) {
        String kind = r.kind();
        String group = r.group();
        boolean core = group.isEmpty() || group.equals("apps") || group.equals("batch");
        if (core) {
            if (kind.equals("Pod")) {
                return List.of(new PodSpec(r, "spec", "metadata"));
            } else if (TEMPLATE_KINDS.contains(kind)) {
                return List.of(new PodSpec(r, "spec.template.spec", "spec.template.metadata"));
            } else if (kind.equals("CronJob")) {
                return List.of(new PodSpec(
                        r, "spec.jobTemplate.spec.template.spec", "spec.jobTemplate.spec.template.metadata"));
            } else if (kind.equals("PodTemplate")) {
                return List.of(new PodSpec(r, "template.spec", "template.metadata"));
            }
            return List.of();
        }
        if (kind.equals("DeploymentConfig") && group.equals("apps.openshift.io")) {
            // Known by kind: with an image change trigger its containers' image is often empty, which the shape
            // search below would not recognise.
            return List.of(new PodSpec(r, "spec.template.spec", "spec.template.metadata"));
        }
        List<PodSpec> out = new ArrayList<>();
        JsonNode spec = r.json().path("spec");
        if (spec.isObject()) {
            findByShape(r, spec, "spec", 0, out);
        }
        return out;
    }

    private static void findByShape(Resource r, JsonNode node, String path, int depth, List<PodSpec> out) {
        if (looksLikePodSpec(node)) {
            int dot = path.lastIndexOf('.');
            String parent = dot < 0 ? "" : path.substring(0, dot);
            out.add(new PodSpec(r, path, parent.isEmpty() ? "metadata" : parent + ".metadata"));
            return;
        }
        if (depth >= MAX_SHAPE_DEPTH) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject() && isPlainFieldName(e.getKey())) {
                findByShape(r, e.getValue(), path + "." + e.getKey(), depth + 1, out);
            }
        }
    }

    private static boolean looksLikePodSpec(JsonNode node) {
        JsonNode containers = node.path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            return false;
        }
        for (JsonNode c : containers) {
            if (!c.isObject() || !c.path("image").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlainFieldName(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.' || c == '[' || c == ']') {
                return false;
            }
        }
        return !key.isEmpty();
    }
}
