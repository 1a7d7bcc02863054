package dev.vigil.policy.rules.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Fields;
import dev.vigil.policy.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The policy rules of a Role or ClusterRole, as values. */
public final class RbacPolicyRules {
    private RbacPolicyRules() {}

    /**
     * One entry of {@code rules}.
     *
     * @param path its path, e.g. {@code rules[2]}
     */
    public record PolicyRule(
            String path,
            Set<String> apiGroups,
            Set<String> resources,
            Set<String> verbs,
            Set<String> resourceNames,
            JsonNode json) {
        /** True when the rule grants {@code verb}, by name or with the {@code *} verb. */
        public boolean hasVerb(String verb) {
            return verbs.contains(verb) || verbs.contains("*");
        }

        /** True when the rule covers {@code resource} of the core group (or any group). */
        public boolean coversCore(String resource) {
            return (apiGroups.contains("") || apiGroups.contains("*"))
                    && (resources.contains(resource) || resources.contains("*"));
        }

        /** True when the rule covers {@code resource} in {@code group} (or a wildcard). */
        public boolean covers(String group, String resource) {
            return (apiGroups.contains(group) || apiGroups.contains("*"))
                    && (resources.contains(resource) || resources.contains("*"));
        }

        /**
         * True for {@code verbs: ["*"]} on {@code resources: ["*"]} of the core group or of every group: every
         * permission on Secrets, pods (exec, create with any service account), nodes/proxy and more; cluster-admin
         * in all but name. {@code rbac-wildcard} reports it as an error, and the rules for single privileges leave
         * it to that one finding.
         */
        public boolean isFullWildcard() {
            return verbs.contains("*")
                    && resources.contains("*")
                    && (apiGroups.contains("*") || apiGroups.contains(""));
        }

        /** The path of a field of this rule, e.g. {@code rules[0].verbs}. */
        public String path(String field) {
            return path + "." + field;
        }
    }

    /** True for Role and ClusterRole of {@code rbac.authorization.k8s.io}. */
    public static boolean isRole(Resource r) {
        return (r.kind().equals("Role") || r.kind().equals("ClusterRole"))
                && r.group().equals("rbac.authorization.k8s.io");
    }

    /** True for RoleBinding and ClusterRoleBinding of {@code rbac.authorization.k8s.io}. */
    public static boolean isBinding(Resource r) {
        return (r.kind().equals("RoleBinding") || r.kind().equals("ClusterRoleBinding"))
                && r.group().equals("rbac.authorization.k8s.io");
    }

    public static List<PolicyRule> of(Resource role) {
        List<PolicyRule> out = new ArrayList<>();
        for (Fields.Item item : Fields.objects(role, "rules")) {
            JsonNode r = item.node();
            out.add(new PolicyRule(
                    item.path(),
                    strings(role, item, "apiGroups"),
                    strings(role, item, "resources"),
                    strings(role, item, "verbs"),
                    strings(role, item, "resourceNames"),
                    r));
        }
        return out;
    }

    private static Set<String> strings(Resource role, Fields.Item rule, String field) {
        Set<String> out = new LinkedHashSet<>();
        for (Fields.Item n : Fields.scalars(role, rule.node().path(field), rule.path(field))) {
            out.add(n.node().asText(""));
        }
        return out;
    }
}
