package dev.vigil.policy.schema;

import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schema validation of one run: each object is checked once against the bundled schema of its kind for the
 * configured Kubernetes version, or against the schema of its CustomResourceDefinition (from the input or from
 * the configured CRD paths). Objects with neither are skipped and counted. The per-object results are computed on
 * first use and shared by the {@code schema-*} rules.
 */
public final class SchemaValidation {
    private static final Map<ResourceSet, Map<String, SchemaValidation>> RUNS =
            Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<List<String>, List<Resource>> CRD_PATHS = new ConcurrentHashMap<>();

    private final String kubeVersion;
    private final CrdSchemas crds;
    private final Map<Resource, Outcome> outcomes = Collections.synchronizedMap(new WeakHashMap<>());

    private SchemaValidation(String kubeVersion, CrdSchemas crds) {
        this.kubeVersion = kubeVersion;
        this.crds = crds;
    }

    /**
     * The validation of {@code set} under {@code config} (built once per set and configuration).
     *
     * @throws IllegalArgumentException when the configured Kubernetes version is not valid
     */
    public static SchemaValidation of(ResourceSet set, PolicyConfig config) {
        String version = KubeSchemas.resolve(config.kubeVersion());
        String key = version + "|" + config.crdPaths();
        Map<String, SchemaValidation> perSet = RUNS.computeIfAbsent(set, s -> new ConcurrentHashMap<>());
        return perSet.computeIfAbsent(key, k -> {
            List<Resource> crds = new ArrayList<>(crdsFromPaths(config.crdPaths()));
            set.resources().stream().filter(CrdSchemas::isCrd).forEach(crds::add);
            return new SchemaValidation(version, new CrdSchemas(crds));
        });
    }

    private static List<Resource> crdsFromPaths(List<String> paths) {
        if (paths.isEmpty()) {
            return List.of();
        }
        return CRD_PATHS.computeIfAbsent(List.copyOf(paths), p -> {
            LoadResult loaded = new ManifestLoader().load(p);
            return loaded.resources().stream().filter(CrdSchemas::isCrd).toList();
        });
    }

    /** The bundled Kubernetes version this run validates against. */
    public String kubeVersion() {
        return kubeVersion;
    }

    /**
     * The openAPIV3Schema of the CustomResourceDefinition of {@code resource} (from the input or the CRD paths), as
     * written in the CRD; null when there is none.
     */
    public com.fasterxml.jackson.databind.JsonNode crdSchema(Resource resource) {
        return crds.raw(resource.apiVersion(), resource.kind());
    }

    /** The outcome for one object of the run. */
    public Outcome outcome(Resource resource) {
        Outcome known = outcomes.get(resource);
        if (known != null) {
            return known;
        }
        Outcome computed = compute(resource);
        outcomes.put(resource, computed);
        return computed;
    }

    private Outcome compute(Resource r) {
        String apiVersion = r.apiVersion();
        String kind = r.kind();
        Optional<CompiledSchema> bundled = KubeSchemas.schema(kubeVersion, apiVersion, kind);
        if (bundled.isPresent()) {
            String label = apiVersion + " " + kind + ", Kubernetes " + kubeVersion;
            return new Outcome(SchemaChecker.check(bundled.get(), r.json(), label), null);
        }
        Optional<CompiledSchema> crd = crds.schema(apiVersion, kind);
        if (crd.isPresent()) {
            String label = apiVersion + " " + kind + ", from its CustomResourceDefinition";
            return new Outcome(SchemaChecker.check(crd.get(), r.json(), label), null);
        }
        String broken = crds.brokenReason(apiVersion, kind);
        if (broken != null) {
            return new Outcome(
                    List.of(),
                    "the CustomResourceDefinition schema of " + apiVersion + " " + kind + " cannot be compiled ("
                            + broken + "); not validated");
        }
        if (BuiltInKinds.isBuiltInGroup(r.group())) {
            String unknown = BuiltInKinds.unknown(apiVersion, kind);
            return new Outcome(
                    List.of(),
                    unknown == null
                            ? null
                            : "no schema for " + apiVersion + " " + kind + ": " + unknown + "; not validated");
        }
        return new Outcome(
                List.of(),
                "no schema for " + apiVersion + " " + kind
                        + ": no CustomResourceDefinition for it in the input or in --crd; not validated");
    }

    /**
     * True for an API group that only Kubernetes itself defines (the core group, a group without a dot, or one of
     * Kubernetes' own {@code *.k8s.io} groups); false for groups of custom resources, Gateway API and volume
     * snapshots included.
     */
    public static boolean isBuiltInGroup(String group) {
        return BuiltInKinds.isBuiltInGroup(group);
    }

    /**
     * What schema validation found for one object.
     *
     * @param violations the violations, in the validator's order
     * @param skipped null when the object was validated; otherwise why it was not
     */
    public record Outcome(List<SchemaViolation> violations, String skipped) {}
}
