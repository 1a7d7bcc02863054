package dev.vigil.policy.rules.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.CustomOwners;
import dev.vigil.policy.rules.support.LabelSelectors;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Prometheus Operator ServiceMonitor selects no Service of the input in the namespaces it watches
 * ({@code namespaceSelector.any}, {@code matchNames}, or its own namespace), so nothing is scraped. Reported only
 * when the input contains Services in those namespaces and no custom resource there could own the selected Services
 * (operators create Services at run time, e.g. the prometheus-operator's {@code prometheus-operated}).
 */
final class ServiceMonitorSelectsNothing extends BuiltInRule {
    ServiceMonitorSelectsNothing() {
        super("service-monitor-selects-nothing");
    }

    @Override
    public void checkAll(ResourceSet set, RuleContext ctx) {
        for (Resource sm : set.ofKind("ServiceMonitor")) {
            if (!sm.group().equals("monitoring.coreos.com")) {
                continue;
            }
            JsonNode spec = sm.json().path("spec");
            JsonNode ns = spec.path("namespaceSelector");
            boolean any = ns.path("any").asBoolean(false);
            Set<String> names = new HashSet<>();
            ns.path("matchNames").forEach(n -> names.add(n.asText("")));
            if (names.isEmpty()) {
                names.add(sm.namespace());
            }
            List<Resource> candidates = set.ofKind("Service").stream()
                    .filter(Services::isService)
                    .filter(s -> any || names.contains(s.namespace()))
                    .toList();
            if (candidates.isEmpty()) {
                continue;
            }
            JsonNode selector = spec.path("selector");
            if (candidates.stream().noneMatch(s -> LabelSelectors.matches(selector, s.labels()))
                    && !CustomOwners.couldOwnSelected(set, any ? null : names, selector, false)) {
                ctx.report(
                        sm,
                        "spec.selector",
                        "no services found matching the service monitor's label selector and namespace selector");
            }
        }
    }
}
