package dev.vigil.schemagen;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Turns one fabric8 model class into a strict JSON schema (draft 2020-12): every object forbids unknown
 * properties (like {@code kubeconform -strict}), IntOrString and Quantity accept their two JSON forms, and the
 * fields Kubernetes' OpenAPI marks as required are required (fabric8 classes do not carry that information, so
 * the list below restates it).
 */
final class KubeSchemaGenerator {
    /** Required fields by fabric8 class simple name, from the Kubernetes OpenAPI {@code required} lists. */
    static final Map<String, Set<String>> REQUIRED = Map.ofEntries(
            Map.entry("Container", Set.of("name")),
            Map.entry("EphemeralContainer", Set.of("name")),
            Map.entry("PodSpec", Set.of("containers")),
            Map.entry("DeploymentSpec", Set.of("selector", "template")),
            Map.entry("StatefulSetSpec", Set.of("selector", "template")),
            Map.entry("DaemonSetSpec", Set.of("selector", "template")),
            Map.entry("ReplicaSetSpec", Set.of("selector")),
            Map.entry("JobSpec", Set.of("template")),
            Map.entry("CronJobSpec", Set.of("schedule", "jobTemplate")),
            Map.entry("ServicePort", Set.of("port")),
            Map.entry("ContainerPort", Set.of("containerPort")),
            Map.entry("EnvVar", Set.of("name")),
            Map.entry("Volume", Set.of("name")),
            Map.entry("VolumeMount", Set.of("name", "mountPath")),
            Map.entry("KeyToPath", Set.of("key", "path")),
            Map.entry("ConfigMapKeySelector", Set.of("key")),
            Map.entry("SecretKeySelector", Set.of("key")),
            Map.entry("ObjectFieldSelector", Set.of("fieldPath")),
            Map.entry("ResourceFieldSelector", Set.of("resource")),
            Map.entry("LabelSelectorRequirement", Set.of("key", "operator")),
            Map.entry("NodeSelector", Set.of("nodeSelectorTerms")),
            Map.entry("NodeSelectorRequirement", Set.of("key", "operator")),
            Map.entry("PodAffinityTerm", Set.of("topologyKey")),
            Map.entry("WeightedPodAffinityTerm", Set.of("weight", "podAffinityTerm")),
            Map.entry("PreferredSchedulingTerm", Set.of("weight", "preference")),
            Map.entry("TopologySpreadConstraint", Set.of("maxSkew", "topologyKey", "whenUnsatisfiable")),
            Map.entry("Sysctl", Set.of("name", "value")),
            Map.entry("SeccompProfile", Set.of("type")),
            Map.entry("AppArmorProfile", Set.of("type")),
            Map.entry("HostPathVolumeSource", Set.of("path")),
            Map.entry("PersistentVolumeClaimVolumeSource", Set.of("claimName")),
            Map.entry("HTTPGetAction", Set.of("port")),
            Map.entry("TCPSocketAction", Set.of("port")),
            Map.entry("GRPCAction", Set.of("port")),
            Map.entry("HTTPHeader", Set.of("name", "value")),
            Map.entry("PolicyRule", Set.of("verbs")),
            Map.entry("RoleRef", Set.of("apiGroup", "kind", "name")),
            Map.entry("Subject", Set.of("kind", "name")),
            Map.entry("RoleBinding", Set.of("roleRef")),
            Map.entry("ClusterRoleBinding", Set.of("roleRef")),
            Map.entry("HTTPIngressPath", Set.of("pathType", "backend")),
            Map.entry("HTTPIngressRuleValue", Set.of("paths")),
            Map.entry("IngressServiceBackend", Set.of("name")),
            Map.entry("HorizontalPodAutoscalerSpec", Set.of("scaleTargetRef", "maxReplicas")),
            Map.entry("CrossVersionObjectReference", Set.of("kind", "name")),
            Map.entry("MetricSpec", Set.of("type")),
            Map.entry("Toleration", Set.of()));

    private static final String MODEL = "io.fabric8.kubernetes.api.model.";

    private final SchemaGenerator generator;

    KubeSchemaGenerator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                        SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
                .without(Option.VALUES_FROM_CONSTANT_FIELDS);
        config.forTypesInGeneral().withCustomDefinitionProvider(KubeSchemaGenerator::special);
        config.forFields().withRequiredCheck(KubeSchemaGenerator::required);
        this.generator = new SchemaGenerator(config.build());
    }

    /** The schema of {@code type}, with {@code apiVersion} and {@code kind} fixed to the class's own. */
    ObjectNode generate(Class<?> type, String apiVersion, String kind) {
        ObjectNode schema = generator.generateSchema(type);
        ObjectNode props = (ObjectNode) schema.path("properties");
        props.putObject("apiVersion").put("const", apiVersion);
        props.putObject("kind").put("const", kind);
        schema.put("title", apiVersion + " " + kind);
        return schema;
    }

    private static boolean required(FieldScope field) {
        Set<String> names =
                REQUIRED.get(field.getDeclaringType().getErasedType().getSimpleName());
        return names != null && names.contains(field.getSchemaPropertyName());
    }

    private static CustomDefinition special(ResolvedType type, SchemaGenerationContext context) {
        Class<?> raw = type.getErasedType();
        String name = raw.getName();
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (name.equals(MODEL + "IntOrString")) {
            return inline(json.objectNode()
                    .set("type", json.arrayNode().add("integer").add("string")));
        }
        if (name.equals(MODEL + "Quantity")) {
            return inline(
                    json.objectNode().set("type", json.arrayNode().add("string").add("number")));
        }
        if (name.equals(MODEL + "Duration") || name.equals(MODEL + "MicroTime") || name.equals(MODEL + "Time")) {
            return inline(json.objectNode().put("type", "string"));
        }
        boolean opaque = raw == Object.class
                || freeForm(raw)
                || name.equals(MODEL + "AnyType")
                || name.startsWith("com.fasterxml.jackson.databind.")
                || (name.startsWith("io.fabric8.") && (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())));
        if (opaque) {
            return inline(json.objectNode());
        }
        return null;
    }

    /** A fabric8 class whose only field is its {@code additionalProperties} map holds arbitrary JSON (FieldsV1). */
    private static boolean freeForm(Class<?> raw) {
        if (!raw.getName().startsWith("io.fabric8.") || raw.isInterface() || raw.isEnum()) {
            return false;
        }
        return Arrays.stream(raw.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .allMatch(f -> f.getName().equals("additionalProperties"));
    }

    private static CustomDefinition inline(ObjectNode node) {
        return new CustomDefinition(
                node, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.NO);
    }
}
