package dev.vigil.schemagen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Build-time generator of Vigil's bundled Kubernetes schemas. For each folder {@code <models>/v1.NN} of fabric8
 * model jars (one fabric8 release = one Kubernetes minor), it loads the model classes in an isolated class loader
 * and writes one JSON schema per core kind to {@code <out>/v1.NN/<apiVersion>-<Kind>.json} (the slash of the
 * apiVersion replaced by a dash), plus {@code <out>/versions.txt} listing the generated minors, newest first.
 *
 * <p>Usage: {@code GenerateKubeSchemas MODELS_DIR OUT_DIR}
 */
public final class GenerateKubeSchemas {
    /** The kinds whose schemas are bundled (fabric8 class names, package relative to the model root). */
    static final List<String> KINDS = List.of(
            "Pod",
            "PodTemplate",
            "ReplicationController",
            "Service",
            "ConfigMap",
            "Secret",
            "ServiceAccount",
            "Namespace",
            "PersistentVolumeClaim",
            "PersistentVolume",
            "LimitRange",
            "ResourceQuota",
            "Endpoints",
            "apps.Deployment",
            "apps.StatefulSet",
            "apps.DaemonSet",
            "apps.ReplicaSet",
            "batch.v1.Job",
            "batch.v1.CronJob",
            "networking.v1.Ingress",
            "networking.v1.IngressClass",
            "networking.v1.NetworkPolicy",
            "policy.v1.PodDisruptionBudget",
            "rbac.Role",
            "rbac.RoleBinding",
            "rbac.ClusterRole",
            "rbac.ClusterRoleBinding",
            "autoscaling.v2.HorizontalPodAutoscaler");

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model.";

    private GenerateKubeSchemas() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GenerateKubeSchemas MODELS_DIR OUT_DIR");
        }
        Path models = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<String> versions = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(models)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String version = dir.getFileName().toString();
                int count = generate(dir, out.resolve(version));
                System.out.println("[schema-gen] Kubernetes " + version + ": " + count + " schemas from " + dir);
                versions.add(version);
            }
        }
        versions.sort((a, b) -> Integer.compare(minor(b), minor(a)));
        Files.createDirectories(out);
        Files.writeString(out.resolve("versions.txt"), String.join("\n", versions) + "\n");
    }

    static int minor(String version) {
        return Integer.parseInt(version.substring(version.indexOf('.') + 1));
    }

    /** Generates the schemas of one Kubernetes minor from the fabric8 model jars in {@code jars}. */
    static int generate(Path jars, Path out) throws IOException, ReflectiveOperationException {
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> list = Files.list(jars)) {
            for (Path jar :
                    list.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.createDirectories(out);
        Map<String, String> index = new TreeMap<>();
        try (URLClassLoader loader =
                new URLClassLoader(urls.toArray(URL[]::new), GenerateKubeSchemas.class.getClassLoader())) {
            KubeSchemaGenerator generator = new KubeSchemaGenerator();
            for (String kind : KINDS) {
                Class<?> type = Class.forName(MODEL_PACKAGE + kind, false, loader);
                Object instance = type.getConstructor().newInstance();
                String apiVersion = (String) type.getMethod("getApiVersion").invoke(instance);
                String kindName = (String) type.getMethod("getKind").invoke(instance);
                ObjectNode schema = generator.generate(type, apiVersion, kindName);
                String file = apiVersion.replace('/', '-') + "-" + kindName + ".json";
                Files.writeString(out.resolve(file), mapper.writeValueAsString(schema) + "\n");
                index.put(apiVersion + " " + kindName, file);
            }
        }
        return index.size();
    }
}
