package dev.vigil.policy.custom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The variables of one evaluation, as ValidatingAdmissionPolicy defines them for an object being created:
 * {@code oldObject} is null, {@code request} describes a CREATE of the object, {@code namespaceObject} is the
 * object's Namespace when the input holds it. {@code objects} (Vigil's) lists every object of the run.
 */
final class CelActivation {
    private static final Map<ResourceSet, List<Object>> OBJECTS = Collections.synchronizedMap(new WeakHashMap<>());

    private CelActivation() {}

    static Map<String, Object> of(Resource r, ResourceSet set, Object params, Map<String, Object> variables) {
        Map<String, Object> a = new HashMap<>();
        a.put(CelExpression.OBJECT, CelValues.of(r.json()));
        a.put(CelExpression.OLD_OBJECT, NullValue.NULL_VALUE);
        a.put(CelExpression.OBJECTS, objects(set));
        a.put(CelExpression.PARAMS, params == null ? NullValue.NULL_VALUE : params);
        a.put(CelExpression.NAMESPACE_OBJECT, namespaceObject(r, set));
        a.put(CelExpression.REQUEST, request(r));
        a.put(CelExpression.VARIABLES, variables == null ? Map.of() : variables);
        return a;
    }

    /** The activation for a node that is not a whole object (a pod spec or a container) bound to {@code object}. */
    static Map<String, Object> ofNode(JsonNode node, Resource owner, ResourceSet set, Object params) {
        Map<String, Object> a = of(owner, set, params, Map.of());
        a.put(CelExpression.OBJECT, CelValues.of(node));
        return a;
    }

    private static List<Object> objects(ResourceSet set) {
        return OBJECTS.computeIfAbsent(
                set,
                s -> s.resources().stream().map(r -> CelValues.of(r.json())).toList());
    }

    private static Object namespaceObject(Resource r, ResourceSet set) {
        String ns = r.namespace();
        if (ns.isEmpty()) {
            return NullValue.NULL_VALUE;
        }
        for (Resource candidate : set.ofKind("Namespace")) {
            if (candidate.group().isEmpty() && candidate.name().equals(ns)) {
                return CelValues.of(candidate.json());
            }
        }
        return NullValue.NULL_VALUE;
    }

    private static Map<String, Object> request(Resource r) {
        String apiVersion = r.apiVersion();
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        Map<String, Object> kind = Map.of("group", r.group(), "version", version, "kind", r.kind());
        Map<String, Object> resource =
                Map.of("group", r.group(), "version", version, "resource", AdmissionPolicy.plural(r.kind()));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("kind", kind);
        request.put("resource", resource);
        request.put("name", r.name());
        request.put("namespace", r.namespace());
        request.put("operation", "CREATE");
        request.put("dryRun", true);
        request.put("userInfo", Map.of("username", "vigil", "groups", List.of()));
        return request;
    }
}
