package dev.vigil.policy.rules.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Fields;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.CustomOwners;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An Ingress routes to a Service that the input does not define in its namespace. Reported only when the input
 * contains Services in that namespace and no custom resource there could create a Service of that name (operators
 * name the Services they create after the resource or its kind: {@code alertmanager-operated},
 * {@code grafana-service}, {@code logs-kb-http}). Both {@code backend.service.name} (networking.k8s.io/v1) and
 * {@code backend.serviceName} (older versions) are read; resource backends are skipped.
 */
final class IngressBackendMissing extends BuiltInRule {
    IngressBackendMissing() {
        super("ingress-backend-missing");
    }

    @Override
    public void checkAll(ResourceSet set, RuleContext ctx) {
        for (Resource ing : set.ofKind("Ingress")) {
            Set<String> services = Services.in(set, ing.namespace()).stream()
                    .map(Resource::name)
                    .collect(Collectors.toSet());
            if (services.isEmpty()) {
                continue;
            }
            JsonNode spec = ing.json().path("spec");
            check(ing, spec.path("defaultBackend"), "spec.defaultBackend", services, ctx);
            check(ing, spec.path("backend"), "spec.backend", services, ctx);
            for (Fields.Item rule : Fields.objects(ing, "spec.rules")) {
                JsonNode paths = rule.node().path("http").path("paths");
                for (Fields.Item p : Fields.objects(ing, paths, rule.path("http.paths"))) {
                    check(ing, p.node().path("backend"), p.path("backend"), services, ctx);
                }
            }
        }
    }

    private static void check(Resource ing, JsonNode backend, String path, Set<String> services, RuleContext ctx) {
        String field = backend.path("service").has("name") ? ".service.name" : ".serviceName";
        String name = backend.path("service")
                .path("name")
                .asText(backend.path("serviceName").asText(""));
        if (!name.isEmpty()
                && !services.contains(name)
                && !CustomOwners.couldOwnServiceNamed(ctx.resources(), ing.namespace(), name)) {
            ctx.report(
                    ing,
                    path + field,
                    "Ingress \"" + ing.name() + "\" routes to service \"" + name
                            + "\", which the input does not define");
        }
    }
}
