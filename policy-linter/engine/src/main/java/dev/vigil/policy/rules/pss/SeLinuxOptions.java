package dev.vigil.policy.rules.pss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.Set;

/**
 * PSS baseline "SELinux" (PSA check {@code seLinuxOptions}): {@code seLinuxOptions.type} of the pod and its
 * containers may be empty, {@code container_t}, {@code container_init_t}, {@code container_kvm_t}, and from v1.31
 * {@code container_engine_t}; {@code user} and {@code role} must be empty.
 */
final class SeLinuxOptions extends BuiltInRule {
    static final String ID = "pss-selinux-options";
    private static final Set<String> TYPES_1_0 = Set.of("", "container_t", "container_init_t", "container_kvm_t");
    private static final Set<String> TYPES_1_31 =
            Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t");

    SeLinuxOptions() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        Set<String> types = Pss.version(pod, ctx).atLeast(31) ? TYPES_1_31 : TYPES_1_0;
        JsonNode podOptions = pod.spec().path("securityContext").path("seLinuxOptions");
        // who and path are built only when there are options to check (they are absent on most pods)
        if (podOptions.isObject()) {
            check(podOptions, types, "pod", pod.path("securityContext.seLinuxOptions"), pod, ctx);
        }
        for (PodSpec.Container c : pod.allContainers()) {
            JsonNode options = c.json().path("securityContext").path("seLinuxOptions");
            if (options.isObject()) {
                check(options, types, Pss.container(c), c.path("securityContext.seLinuxOptions"), pod, ctx);
            }
        }
    }

    private static void check(
            JsonNode options, Set<String> types, String who, String path, PodSpec pod, RuleContext ctx) {
        if (!options.isObject()) {
            return;
        }
        String type = Pss.text(options.path("type"));
        if (!types.contains(type)) {
            ctx.report(
                    pod.owner(),
                    path + ".type",
                    who + " must not set securityContext.seLinuxOptions.type to " + Pss.quote(type));
        }
        for (String field : new String[] {"user", "role"}) {
            String value = Pss.text(options.path(field));
            if (!value.isEmpty()) {
                ctx.report(
                        pod.owner(),
                        path + "." + field,
                        who + " must not set securityContext.seLinuxOptions." + field + " (" + Pss.quote(value) + ")");
            }
        }
    }
}
