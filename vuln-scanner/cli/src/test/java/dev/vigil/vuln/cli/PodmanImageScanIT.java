package dev.vigil.vuln.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testsupport.Requirements;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real image built with podman on the local Debian JRE base ({@code deploy/images/local-jre-base.sh}, the base
 * {@code VIGIL_IMAGE_BASE=local ./vigil image} and the webhook's ContainerImageIT use): a layer of real vulnerable jars
 * from the Maven repository (log4j-core 2.14.1, commons-collections 3.2.1, bcprov-jdk18on 1.73 which only its SHA-1
 * identifies, commons-text 1.9) and a {@code RUN rm} layer whose whiteout removes commons-text. Saved by {@code podman
 * save} as an OCI archive and as a Docker archive, then scanned: the exact findings (advisory, GAV or dpkg package,
 * location and layer) are checked, the layers against {@code podman image inspect} and the Debian packages against
 * {@code dpkg-query} run inside the image.
 */
class PodmanImageScanIT {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Path ROOT =
            Path.of(System.getProperty("vigil.root", "../..")).toAbsolutePath().normalize();
    static final String BASE = "localhost/vigil-jre-base:17-debian12";
    static final String TAG =
            "localhost/vigil-vuln-scan-it:" + ProcessHandle.current().pid();
    static final List<String> JARS =
            List.of("log4j-core-2.14.1", "commons-collections-3.2.1", "bcprov-jdk18on-1.73", "commons-text-1.9");

    @TempDir
    static Path dir;

    static Map<String, String> env;
    static List<String> podman;
    static boolean built;
    static List<String> layers;
    static Path oci;
    static Path docker;

    record Run(int code, String out, String err) {}

    @BeforeAll
    static void buildAndSave() throws Exception {
        Requirements.tool("podman", "builds and saves the image (bash .ci/run installs it)");
        Path runc = Requirements.tool("runc", "podman's runtime here (bash .ci/run installs it)", "/usr/sbin/runc");
        Path conf = Files.writeString(dir.resolve("containers.conf"), "[containers]\ndefault_ulimits = []\n");
        env = new HashMap<>(Map.of("CONTAINERS_CONF", conf.toString(), "PODMAN", "podman --runtime " + runc));
        podman = List.of("podman", "--runtime", runc.toString());
        long t0 = System.nanoTime();
        if (podman(60, "image", "exists", BASE).code() != 0) {
            Requirements.tool("mmdebstrap", "makes the local Debian JRE base (bash .ci/run installs it)");
        }
        Run base = run(ROOT, 1200, "bash", "deploy/images/local-jre-base.sh");
        assertThat(base.code()).as("local-jre-base.sh: %s", base.err()).isZero();
        assertThat(base.out().strip()).isEqualTo(BASE);

        Path context = Files.createDirectories(dir.resolve("context"));
        for (String jar : JARS) {
            Files.copy(ScanCommandTest.jar(jar), context.resolve(jar + ".jar"));
        }
        Files.writeString(context.resolve("Containerfile"), """
                ARG BASE=gcr.io/distroless/java17-debian12
                FROM ${BASE}
                USER root
                COPY log4j-core-2.14.1.jar commons-collections-3.2.1.jar bcprov-jdk18on-1.73.jar \\
                     commons-text-1.9.jar /app/lib/
                RUN ["/bin/rm", "/app/lib/commons-text-1.9.jar"]
                USER 65532:65532
                """);
        Run b = podman(
                600,
                "build",
                "--quiet",
                "--network=host",
                "--build-arg",
                "BASE=" + BASE,
                "-t",
                TAG,
                context.toString());
        assertThat(b.code()).as("podman build: %s", b.err()).isZero();
        built = true;
        Run inspect = podman(60, "image", "inspect", "--format", "{{json .RootFS.Layers}}", TAG);
        assertThat(inspect.code()).as(inspect.err()).isZero();
        layers = List.of(MAPPER.readValue(inspect.out(), String[].class));
        oci = dir.resolve("shop.oci.tar");
        docker = dir.resolve("shop.docker.tar");
        Run s1 = podman(600, "save", "--quiet", "--format", "oci-archive", "-o", oci.toString(), TAG);
        assertThat(s1.code()).as("podman save oci-archive: %s", s1.err()).isZero();
        Run s2 = podman(600, "save", "--quiet", "--format", "docker-archive", "-o", docker.toString(), TAG);
        assertThat(s2.code()).as("podman save docker-archive: %s", s2.err()).isZero();
        System.err.printf(
                "PodmanImageScanIT: image built and saved twice in %d s (OCI %d MB, Docker %d MB)%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0),
                Files.size(oci) >> 20,
                Files.size(docker) >> 20);
    }

    @AfterAll
    static void removeImage() throws Exception {
        if (built) {
            podman(120, "rmi", "-f", TAG);
        }
    }

    /** The database: the engine's test advisories, a real commons-collections and a real glibc advisory. */
    private Path database(String glibcFixed) throws IOException {
        Path db = Files.createDirectories(dir.resolve("osv-" + glibcFixed.hashCode()));
        for (Path from : List.of(
                ScanCommandTest.osv(),
                Path.of(System.getProperty(
                        "vigil.osvImage",
                        ROOT.resolve("vuln-scanner/cli/src/test/resources/osv-image")
                                .toString())))) {
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    Path to = db.resolve(from.relativize(p).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(p, to);
                }
            }
        }
        // an advisory for the base image's glibc exactly as installed: fixed one revision after it
        Files.writeString(db.resolve("VIGIL-IT-GLIBC.json"), """
                {"id": "VIGIL-IT-GLIBC", "modified": "2025-01-01T00:00:00Z", "summary": "test advisory for glibc",
                 "database_specific": {"severity": "HIGH"},
                 "affected": [{"package": {"ecosystem": "Debian:12", "name": "glibc"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "%s"}]}]}]}
                """.formatted(glibcFixed));
        return db;
    }

    /** Binary packages built from glibc in the image, by dpkg itself: name → version and source version. */
    private static Map<String, String[]> glibcPackages() throws Exception {
        Run q = podman(
                120,
                "run",
                "--rm",
                "--network=host",
                TAG,
                "dpkg-query",
                "-W",
                "-f",
                "${Package}\\t${Version}\\t${source:Package}\\t${source:Version}\\t${db:Status-Status}\\n");
        assertThat(q.code()).as("dpkg-query: %s", q.err()).isZero();
        Map<String, String[]> out = new HashMap<>();
        for (String line : q.out().split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 5 && f[2].equals("glibc") && f[4].equals("installed")) {
                out.put(f[0], f);
            }
        }
        assertThat(out).as("glibc binary packages in the base").containsKey("libc6");
        return out;
    }

    @Test
    void ociAndDockerArchives_exactFindingsWithLayerAndPath() throws Exception {
        Map<String, String[]> glibc = glibcPackages();
        String sourceVersion = glibc.get("libc6")[3];
        String fixed = sourceVersion + "+vigil1";
        Path db = database(fixed);
        Path sbom = dir.resolve("found.cdx.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new ScanCommand()
                .execute(
                        new String[] {
                            oci.toString(),
                            docker.toString(),
                            "--db",
                            db.toString(),
                            "--no-cache",
                            "--format",
                            "json",
                            "--sbom-out",
                            sbom.toString()
                        },
                        out,
                        new PrintWriter(err, true),
                        Instant.parse("2025-02-06T12:00:00Z"));
        assertThat(exit).as(err.toString()).isEqualTo(1);
        JsonNode report = MAPPER.readTree(out.toString());
        assertThat(report.get("problems")).isEmpty();

        String jarLayer = layers.get(layers.size() - 2); // the COPY layer; the last one is RUN rm's whiteout
        String baseLayer = layers.get(0);
        List<Tuple> expected = new ArrayList<>();
        for (Path image : List.of(oci, docker)) {
            String lib = image + "!/app/lib/";
            expected.add(tuple(
                    "CVE-2021-44228",
                    "org.apache.logging.log4j:log4j-core",
                    "2.14.1",
                    lib + "log4j-core-2.14.1.jar",
                    jarLayer,
                    List.of("2.15.0")));
            expected.add(tuple(
                    "CVE-2021-45046",
                    "org.apache.logging.log4j:log4j-core",
                    "2.14.1",
                    lib + "log4j-core-2.14.1.jar",
                    jarLayer,
                    List.of("2.16.0")));
            expected.add(tuple(
                    "CVE-2021-44832",
                    "org.apache.logging.log4j:log4j-core",
                    "2.14.1",
                    lib + "log4j-core-2.14.1.jar",
                    jarLayer,
                    List.of("2.17.1")));
            expected.add(tuple(
                    "CVE-2015-7501",
                    "commons-collections:commons-collections",
                    "3.2.1",
                    lib + "commons-collections-3.2.1.jar",
                    jarLayer,
                    List.of("3.2.2")));
            // bcprov ships no pom.properties: the database's SHA-1 index names it
            expected.add(tuple(
                    "CVE-2023-33201",
                    "org.bouncycastle:bcprov-jdk18on",
                    "1.73",
                    lib + "bcprov-jdk18on-1.73.jar",
                    jarLayer,
                    List.of("1.74")));
            // one finding per installed binary package of the glibc source package, in the base layer
            for (String[] p : glibc.values()) {
                expected.add(tuple(
                        "VIGIL-IT-GLIBC", p[0], p[1], image + "!/var/lib/dpkg/status", baseLayer, List.of(fixed)));
            }
        }
        List<Tuple> actual = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            List<String> fx = new ArrayList<>();
            f.get("fixed").forEach(v -> fx.add(v.asText()));
            actual.add(tuple(
                    f.get("id").asText(),
                    f.at("/package/name").asText(),
                    f.at("/package/version").asText(),
                    f.get("location").asText(),
                    f.path("layer").asText(null),
                    fx));
        }
        // nothing else: commons-text was whited out (no Text4Shell), and the base's glibc is newer than DSA-5514-1's
        // fix
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        Run cmp = run(ROOT, 30, "dpkg", "--compare-versions", sourceVersion, "ge", "2.36-9+deb12u3");
        assertThat(cmp.code())
                .as("the base's glibc %s is at or after DSA-5514-1's fix", sourceVersion)
                .isZero();

        // the whiteout removed the jar from the image's file system: not in the inventory either
        String found = Files.readString(sbom);
        assertThat(found)
                .contains("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")
                .doesNotContain("commons-text");
        List<String> unidentified = new ArrayList<>();
        report.get("unidentified").forEach(u -> unidentified.add(u.asText()));
        assertThat(unidentified).noneMatch(u -> u.contains("/app/"));
    }

    static Run podman(long timeoutS, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(podman);
        cmd.addAll(List.of(args));
        return run(ROOT, timeoutS, cmd.toArray(String[]::new));
    }

    static Run run(Path cwd, long timeoutS, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().putAll(env);
        Path o = Files.createTempFile(dir, "out", ".txt");
        Path e = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(o.toFile()).redirectError(e.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + ": no answer in " + timeoutS + " s");
        }
        return new Run(
                p.exitValue(),
                Files.readString(o, StandardCharsets.UTF_8),
                Files.readString(e, StandardCharsets.UTF_8));
    }
}
