package dev.vigil.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.testsupport.Requirements;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The images {@code ./vigil image} builds, built on the Debian JRE base ({@code VIGIL_IMAGE_BASE=local}) and run
 * with podman as a cluster would run them: the webhook as user 65532 on a read-only root with mounted TLS files,
 * answering AdmissionReviews over TLS and stopping within its drain time on SIGTERM; the linter on a mounted folder
 * with the CLI's exit codes. Skipped (visibly) where podman is not installed; {@code .ci/run} installs it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerImageIT {
    static final Path ROOT =
            Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath().normalize();
    static final String VERSION = System.getProperty("vigil.version", "0.1.0-SNAPSHOT");
    static final String WEBHOOK_IMAGE = "localhost/vigil-admission-webhook:" + VERSION;
    static final String LINTER_IMAGE = "localhost/vigil-policy-linter:" + VERSION;
    static final Path LINTER_JAR = ROOT.resolve("policy-linter/cli/target/policy-linter.jar");
    static final long SHUTDOWN_DELAY_S = 2;
    static final long DRAIN_S = 5;

    @TempDir
    static Path dir;

    static Map<String, String> env;
    static String container;
    static int port;
    static TestPki pki;
    static ApiServerClient api;

    record Run(int code, String out, String err) {}

    @BeforeAll
    static void buildImages() throws Exception {
        Requirements.tool("podman", "builds and runs the images (bash .ci/run installs it)");
        Requirements.tool("runc", "podman's runtime here (bash .ci/run installs it)", "/usr/sbin/runc");
        Path conf = Files.writeString(dir.resolve("containers.conf"), "[containers]\ndefault_ulimits = []\n");
        env = new HashMap<>(Map.of("CONTAINERS_CONF", conf.toString(), "VIGIL_IMAGE_BASE", "local"));
        List<String> build = new ArrayList<>(List.of("bash", "deploy/images/build.sh", "vigil-admission-webhook"));
        if (Files.isRegularFile(LINTER_JAR)) {
            build.add("vigil-policy-linter");
        }
        long t0 = System.nanoTime();
        Run r = run(ROOT, 1200, build.toArray(new String[0]));
        assertThat(r.code())
                .as("deploy/images/build.sh: %s%s", r.out(), r.err())
                .isZero();
        System.err.printf(
                "ContainerImageIT: images built in %d s%n%s",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0), r.out());
        assertThat(r.out()).contains(WEBHOOK_IMAGE);
        assertThat(ROOT.resolve("target/images/vigil-admission-webhook-" + VERSION + ".oci.tar"))
                .isNotEmptyFile();

        pki = TestPki.create(Files.createDirectory(dir.resolve("tls")));
        // the container user (65532) reads the mounted files, as from a Kubernetes Secret volume
        Files.setPosixFilePermissions(pki.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path p : List.of(pki.tlsCert(), pki.tlsKey(), pki.caCert())) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        container = "vigil-image-it-" + ProcessHandle.current().pid();
        Run started = podman(
                60,
                "run",
                "-d",
                "--name",
                container,
                "--network=host",
                "--read-only",
                "--read-only-tmpfs=false", // nothing writable at all: not even /tmp
                "--cap-drop=ALL",
                "--security-opt=no-new-privileges",
                "-v",
                pki.dir() + ":/etc/vigil/tls:ro",
                WEBHOOK_IMAGE,
                "serve",
                "--no-kube",
                "--address=127.0.0.1",
                "--port=" + port,
                "--tls-cert=/etc/vigil/tls/tls.crt",
                "--tls-key=/etc/vigil/tls/tls.key",
                "--warn=pss-restricted",
                "--audit=none",
                "--shutdown-delay=" + SHUTDOWN_DELAY_S + "s",
                "--drain-timeout=" + DRAIN_S + "s");
        assertThat(started.code()).as("podman run: %s", started.err()).isZero();
        api = new ApiServerClient(pki.caCert(), port);
        awaitReady();
    }

    @AfterAll
    static void removeContainer() throws Exception {
        if (container != null) {
            podman(60, "rm", "-f", container);
        }
    }

    @Test
    @Order(1)
    void answersAllowedWarnedAndDeniedReviewsOverTls() throws Exception {
        JsonNode allowed = api.review("/validate", Reviews.create(pod("good", RESTRICTED), "default"));
        assertThat(allowed.path("allowed").asBoolean()).isTrue();
        assertThat(allowed.path("warnings").isMissingNode())
                .as(allowed.toString())
                .isTrue();

        JsonNode warned = api.review("/validate", Reviews.create(pod("plain", "{}"), "default"));
        assertThat(warned.path("allowed").asBoolean()).isTrue();
        assertThat(warned.path("warnings").size()).as(warned.toString()).isGreaterThan(0);
        assertThat(warned.path("warnings").get(0).asText()).startsWith("vigil pss-restricted:latest: ");

        JsonNode denied = api.review("/validate", Reviews.create(pod("bad", "{\"privileged\":true}"), "default"));
        assertThat(denied.path("allowed").asBoolean()).isFalse();
        assertThat(denied.path("status").path("code").asInt()).isEqualTo(403);
        assertThat(denied.path("status").path("message").asText()).contains("privileged");
    }

    @Test
    @Order(2)
    void runsAsUser65532OnAReadOnlyRoot() throws Exception {
        Run pid = podman(30, "inspect", "--format", "{{.State.Pid}}", container);
        assertThat(pid.code()).isZero();
        Path proc = Path.of("/proc", pid.out().strip());
        // the JVM is the container's process 1 (exec-form ENTRYPOINT), seen from the host
        assertThat(Files.readString(proc.resolve("cmdline"))).contains("/app/admission-webhook.jar");
        String uid = Files.readAllLines(proc.resolve("status")).stream()
                .filter(l -> l.startsWith("Uid:"))
                .findFirst()
                .orElseThrow();
        assertThat(uid.split("\\s+")).containsExactly("Uid:", "65532", "65532", "65532", "65532");
        String root = Files.readAllLines(proc.resolve("mountinfo")).stream()
                .filter(l -> l.split(" ")[4].equals("/"))
                .findFirst()
                .orElseThrow();
        assertThat(root.split(" ")[5].split(",")).as(root).contains("ro");
    }

    @Test
    @Order(2)
    void imageCarriesTheOciLabelsOfThisBuildAndRunsAsNonRoot() throws Exception {
        Run head = run(ROOT, 30, "git", "rev-parse", "HEAD");
        Run inspect = podman(
                30,
                "image",
                "inspect",
                "--format",
                "{{.Config.User}}|{{index .Config.Labels \"org.opencontainers.image.version\"}}|"
                        + "{{index .Config.Labels \"org.opencontainers.image.revision\"}}|"
                        + "{{index .Config.Labels \"org.opencontainers.image.licenses\"}}|"
                        + "{{index .Config.Labels \"org.opencontainers.image.source\"}}",
                WEBHOOK_IMAGE);
        assertThat(inspect.code()).as(inspect.err()).isZero();
        // the revision of this checkout, not of an earlier build (buildah's cache once kept a stale label)
        String revision = head.code() == 0 ? head.out().strip() : "unknown";
        assertThat(inspect.out().strip())
                .isEqualTo(
                        "65532:65532|" + VERSION + "|" + revision + "|Apache-2.0|https://github.com/vigil-dev/vigil");
    }

    @Test
    @Order(3)
    void stopsCleanlyOnSigtermWithinTheDrainTime() throws Exception {
        long t0 = System.nanoTime();
        assertThat(podman(30, "kill", "--signal", "TERM", container).code()).isZero();
        // during the shutdown delay readiness fails while reviews are still answered
        HttpResponse<String> ready = null;
        for (int i = 0; i < 20; i++) {
            ready = api.get("/readyz");
            if (ready.statusCode() == 503) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
        assertThat(api.review("/validate", Reviews.create(pod("late", RESTRICTED), "default"))
                        .path("allowed")
                        .asBoolean())
                .isTrue();
        Run waited = podman(SHUTDOWN_DELAY_S + DRAIN_S + 30, "wait", container);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(waited.code()).as(waited.err()).isZero();
        // the JVM's exit after SIGTERM and its shutdown hook: 128 + 15
        assertThat(waited.out().strip()).isEqualTo("143");
        assertThat(took).isLessThan(TimeUnit.SECONDS.toMillis(SHUTDOWN_DELAY_S + DRAIN_S));
        Run logs = podman(30, "logs", container);
        assertThat(logs.out() + logs.err())
                .contains("vigil webhook listening")
                .doesNotContain("Exception")
                .doesNotContain("shutdown:");
    }

    @Test
    @Order(4)
    void linterImageLintsAMountedFolderWithTheCliExitCodes() throws Exception {
        Requirements.path("policy-linter.jar", LINTER_JAR, "the linter CLI built by the reactor (policy-linter/cli)");
        Path good = Files.createDirectories(dir.resolve("lint/good"));
        Files.writeString(good.resolve("pod.yaml"), yaml("good", RESTRICTED));
        Path bad = Files.createDirectories(dir.resolve("lint/bad"));
        Files.writeString(bad.resolve("pod.yaml"), yaml("bad", "{\"privileged\": true}"));
        Path broken = Files.createDirectories(dir.resolve("lint/broken"));
        Files.writeString(broken.resolve("pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: [unclosed\n");
        for (Path d : List.of(dir.resolve("lint"), good, bad, broken)) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        Run clean = lint(good);
        assertThat(clean.code()).as(clean.err()).isZero();
        assertThat(clean.out()).contains("0 errors");

        Run findings = lint(bad);
        assertThat(findings.code()).as(findings.err()).isEqualTo(1);
        assertThat(findings.out()).contains("pod.yaml:", "pss-privileged");

        Run unreadable = lint(broken);
        assertThat(unreadable.code()).isEqualTo(2);
        assertThat(unreadable.err()).contains("pod.yaml:").doesNotContain("\tat ");
    }

    private static Run lint(Path folder) throws Exception {
        Path cwd = folder.getParent();
        // every file world-readable for the container user
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        return podman(
                120,
                "run",
                "--rm",
                "--network=none",
                "--read-only",
                "--read-only-tmpfs=false",
                "--cap-drop=ALL",
                "-v",
                cwd + ":/work:ro",
                LINTER_IMAGE,
                "--profile",
                "pss-restricted",
                folder.getFileName().toString());
    }

    static final String RESTRICTED = "{\"allowPrivilegeEscalation\":false,\"capabilities\":{\"drop\":[\"ALL\"]},"
            + "\"runAsNonRoot\":true,\"seccompProfile\":{\"type\":\"RuntimeDefault\"}}";

    static ObjectNode pod(String name, String securityContext) throws Exception {
        return (ObjectNode) ApiServerClient.JSON.readTree("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{"containers":[{"name":"app","image":"registry.example/app:1.0","securityContext":%s}]}}
                """.formatted(name, securityContext));
    }

    static String yaml(String name, String securityContext) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                spec:
                  containers:
                    - name: app
                      image: registry.example/app:1.0
                      securityContext: %s
                """.formatted(name, securityContext);
    }

    private static void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = api.get("/readyz");
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Run state = podman(30, "inspect", "--format", "{{.State.Running}}", container);
            if (!state.out().strip().equals("true")) {
                break;
            }
            Thread.sleep(200);
        }
        Run logs = podman(30, "logs", container);
        throw new AssertionError("webhook container not ready (" + last + "); logs:\n" + logs.out() + logs.err());
    }

    static Run podman(long timeoutSeconds, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("podman", "--runtime", "runc"));
        cmd.addAll(List.of(args));
        return run(ROOT, timeoutSeconds, cmd.toArray(new String[0]));
    }

    static Run run(Path cwd, long timeoutSeconds, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
