package dev.vigil.metrics.agent.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.metrics.MetricsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sensitive files are judged by their real target: odd spellings normalised, symbolic links (to the file, to a folder
 * above it, a dangling one a write would follow) resolved, the Kubernetes service-account token in the kubelet's
 * {@code ..data} layout. Links and folders are real ones in a temporary folder; {@code /etc/shadow} is the machine's.
 */
class SensitivePathsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path home;
    private Path serviceAccount;
    private final List<String> lines = new ArrayList<>();

    @BeforeEach
    void layout() throws Exception {
        Path root = tmp.toRealPath();
        home = Files.createDirectories(root.resolve("home/app"));
        Files.createDirectories(home.resolve(".ssh"));
        // what the kubelet writes: token -> ..data/token, ..data -> ..<timestamp>, the files in ..<timestamp>/
        serviceAccount = Files.createDirectories(root.resolve("run/secrets/kubernetes.io/serviceaccount"));
        Path stamped = Files.createDirectories(serviceAccount.resolve("..2026_12_07_15_00_00.123456789"));
        Files.writeString(stamped.resolve("token"), "eyJ-not-a-real-token");
        Files.writeString(stamped.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----");
        Files.createSymbolicLink(serviceAccount.resolve("..data"), Path.of("..2026_12_07_15_00_00.123456789"));
        Files.createSymbolicLink(serviceAccount.resolve("token"), Path.of("..data/token"));
        Files.createSymbolicLink(serviceAccount.resolve("ca.crt"), Path.of("..data/ca.crt"));
    }

    private SensitivePaths paths() {
        return new SensitivePaths(home.toString(), tmp.toString(), List.of(serviceAccount + "/"));
    }

    private Guard guard(String mode) {
        return new Guard(
                MetricsConfig.parse("guard=" + mode, Map.of(), Map.of()), new GuardCounters(), lines::add, paths());
    }

    private Map<String, String> onlyEventFields(String rule) throws Exception {
        assertThat(lines).hasSize(1);
        JsonNode e = FalcoShape.check(JSON.readTree(lines.get(0)));
        assertThat(e.get("rule").asText()).isEqualTo(rule);
        Map<String, String> out = new java.util.HashMap<>();
        e.get("output_fields")
                .properties()
                .forEach(f -> out.put(f.getKey(), f.getValue().asText()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/tmp/../etc/shadow",
                "//etc///shadow",
                "/etc/./shadow",
                "/proc/self/../self/environ",
                "/proc/thread-self/environ",
                "/proc/self/task/1/environ",
                "../../../../../../../../../../../etc/shadow",
                "/var/run/secrets/kubernetes.io/serviceaccount/token",
                "/run/secrets/kubernetes.io/serviceaccount/..data/token",
                "/var/run/secrets/kubernetes.io/serviceaccount/..2026_12_07_15_00_00.1/token"
            })
    void oddSpellingsAreNormalisedBeforeTheyAreJudged(String path) {
        assertThat(new SensitivePaths("/home/app", "/srv/app").match(path))
                .startsWith("/")
                .doesNotContain("/../", "//", "/./")
                .satisfiesAnyOf(
                        p -> assertThat(p).isIn("/etc/shadow"),
                        p -> assertThat(p).matches("/proc/[a-z-]+(/task/1)?/environ"),
                        p -> assertThat(p).contains("/kubernetes.io/serviceaccount/"));
    }

    @Test
    void theOwnPidAndProcRootAreResolved() {
        SensitivePaths p = new SensitivePaths("/home/app", "/srv/app");
        long pid = ProcessHandle.current().pid();
        assertThat(p.match("/proc/" + pid + "/environ")).isEqualTo("/proc/" + pid + "/environ");
        assertThat(p.match("/proc/self/root/etc/shadow"))
                .as("/proc/self/root is a link to /")
                .isEqualTo("/etc/shadow");
        assertThat(p.match("/proc/self/cwd/../../../../../etc/shadow")).isEqualTo("/etc/shadow");
    }

    @Test
    void aLinkToShadowIsJudgedByItsTargetInBlockMode() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("x"), Path.of("/etc/shadow"));

        Object r = GuardCallback.check(guard("block"), "file.read", link.toString());

        assertThat(r).isInstanceOf(SecurityException.class);
        assertThat(((SecurityException) r).getMessage()).endsWith("rule sensitive-file-read");
        assertThat(onlyEventFields("sensitive-file-read"))
                .containsEntry("fd.name", "/etc/shadow")
                .containsEntry("fd.requested", link.toString())
                .containsEntry("fd.access", "read");
    }

    @Test
    void aLinkedFolderAboveTheFileCountsAndARelativePathIsResolvedAgainstTheWorkingDirectory() throws Exception {
        Files.createSymbolicLink(tmp.resolve("conf"), Path.of("/etc"));

        GuardCallback.check(guard("detect"), "file.read", "conf/shadow");

        assertThat(onlyEventFields("sensitive-file-read"))
                .containsEntry("fd.name", "/etc/shadow")
                .containsEntry("fd.requested", tmp.resolve("conf/shadow").toString());
    }

    @Test
    void theServiceAccountTokenThroughItsLinksAndALinkToIt() throws Exception {
        SensitivePaths p = paths();
        String real =
                serviceAccount.resolve("..2026_12_07_15_00_00.123456789/token").toString();
        assertThat(p.match(serviceAccount.resolve("token").toString()))
                .isEqualTo(serviceAccount.resolve("token").toString());
        assertThat(p.match(serviceAccount.resolve("..data/token").toString()))
                .isEqualTo(serviceAccount.resolve("..data/token").toString());
        Path elsewhere = Files.createSymbolicLink(tmp.resolve("innocent.txt"), serviceAccount.resolve("token"));
        assertThat(p.match(elsewhere.toString())).isEqualTo(real);
        assertThat(p.match(serviceAccount.resolve("ca.crt").toString()))
                .as("the CA certificate and the namespace are no secrets")
                .isNull();
    }

    @Test
    void aHardLinkToTheTokenIsRecognisedByItsIdentity() throws Exception {
        Path token = serviceAccount.resolve("..2026_12_07_15_00_00.123456789/token");
        Path hard = Files.createLink(tmp.resolve("cache.bin"), token);

        assertThat(paths().match(hard.toString())).isEqualTo(token.toString());
    }

    @Test
    void aReplacedFileIsKnownByItsNewIdentityAfterTheNextRefresh() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret"), "v1");
        long[] now = {0};
        FileIdentities ids = new FileIdentities(List.of(secret.toString()), List.of(), () -> now[0]);
        assertThat(ids.name(FileIdentities.key(secret))).isEqualTo(secret.toString());

        Files.delete(secret);
        Files.writeString(tmp.resolve("other"), "keeps the old inode number from being reused at once");
        Files.writeString(secret, "v2"); // what passwd does to /etc/shadow: a new file
        Object replaced = FileIdentities.key(secret);
        now[0] = FileIdentities.REFRESH_NANOS;

        assertThat(ids.name(replaced)).isEqualTo(secret.toString());
        assertThat(ids.name(FileIdentities.key(tmp.resolve("other")))).isNull();
    }

    @Test
    void aDanglingLinkIntoSshIsAWriteOfItsTarget() throws Exception {
        Path keys = home.resolve(".ssh/authorized_keys");
        Path link = Files.createSymbolicLink(tmp.resolve("notes.txt"), keys);
        Path chained = Files.createSymbolicLink(tmp.resolve("chained.txt"), Path.of("notes.txt"));

        Object r = GuardCallback.check(guard("block"), "file.nio", new Object[] {
            chained, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE)
        });

        assertThat(r).isInstanceOf(SecurityException.class);
        assertThat(onlyEventFields("sensitive-file-write"))
                .containsEntry("fd.name", keys.toString())
                .containsEntry("fd.requested", chained.toString());
    }

    @Test
    void copyingShadowIsARead() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("y"), Path.of("/etc/shadow"));

        GuardCallback.check(guard("detect"), "file.copy", new Object[] {link, tmp.resolve("copy")});

        assertThat(onlyEventFields("sensitive-file-read")).containsEntry("fd.name", "/etc/shadow");
    }

    @Test
    void ordinaryFilesAndLinksToOrdinaryFilesAreNot() throws Exception {
        Path plain = Files.writeString(tmp.resolve("plain.txt"), "hello");
        Files.createSymbolicLink(tmp.resolve("to-plain"), plain);
        Files.createSymbolicLink(tmp.resolve("to-hostname"), Path.of("/etc/hostname"));
        Path fakeEtc = Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(fakeEtc.resolve("shadow"), "not the real one");
        Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere/at/all"));
        Guard g = guard("block");

        for (String path : List.of(
                plain.toString(),
                "plain.txt",
                tmp.resolve("to-plain").toString(),
                tmp.resolve("to-hostname").toString(),
                fakeEtc.resolve("shadow").toString(),
                "etc/shadow",
                tmp.resolve("dangling").toString(),
                tmp.resolve("missing.txt").toString(),
                "/etc/hostname",
                "/proc/self/stat",
                "a\0b")) {
            assertThat(GuardCallback.check(g, "file.read", path)).as(path).isNull();
            assertThat(GuardCallback.check(g, "file.write", path)).as(path).isNull();
        }
        assertThat(lines).isEmpty();
    }

    @Test
    void aPathSwappedBetweenTwoOpensIsJudgedByWhatItReachesNowNotByWhatItReachedBefore() throws Exception {
        // an upload folder the application reads from: the attacker replaces a file it has just served by a link (a
        // symbolic one to /etc/shadow, then a hard link to the token) and asks for it again within the same second
        Path served = Files.writeString(tmp.resolve("report.txt"), "quarterly numbers");
        Path token = serviceAccount.resolve("..2026_12_07_15_00_00.123456789/token");
        Guard g = guard("block");

        for (int round = 0; round < 3; round++) {
            Files.deleteIfExists(served);
            Files.writeString(served, "quarterly numbers");
            assertThat(GuardCallback.check(g, "file.read", served.toString()))
                    .as("round %d, a plain file", round)
                    .isNull();
            Files.delete(served);
            Files.createSymbolicLink(served, Path.of("/etc/shadow"));
            assertThat(GuardCallback.check(g, "file.read", served.toString()))
                    .as("round %d, swapped for a link to /etc/shadow", round)
                    .isInstanceOf(SecurityException.class);
            Files.delete(served);
            Files.createLink(served, token);
            assertThat(GuardCallback.check(g, "file.read", served.toString()))
                    .as("round %d, swapped for a hard link to the token", round)
                    .isInstanceOf(SecurityException.class);
        }
        assertThat(lines).hasSize(6);
        assertThat(lines).allSatisfy(l -> assertThat(l).contains("\"fd.requested\":\"" + served + "\""));
    }

    @Test
    void concurrentOpensOfLinksAndOrdinaryFilesAreEachJudgedOnTheirOwn() throws Exception {
        Path plain = Files.writeString(tmp.resolve("plain.txt"), "hello");
        Path toShadow = Files.createSymbolicLink(tmp.resolve("innocent"), Path.of("/etc/shadow"));
        Path toPlain = Files.createSymbolicLink(tmp.resolve("to-plain"), plain);
        Files.createSymbolicLink(tmp.resolve("conf"), Path.of("/etc"));
        GuardCounters counters = new GuardCounters();
        Guard g = new Guard(MetricsConfig.parse("guard=block", Map.of(), Map.of()), counters, lines::add, paths());
        int threads = 8;
        int perThread = 250;
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread w = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        String sensitive = (i + me) % 2 == 0 ? toShadow.toString() : "conf/shadow";
                        String ordinary = (i + me) % 2 == 0 ? plain.toString() : toPlain.toString();
                        if (!(GuardCallback.check(g, "file.read", sensitive) instanceof SecurityException)
                                || GuardCallback.check(g, "file.read", ordinary) != null) {
                            wrong.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            w.start();
            workers.add(w);
        }
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }

        assertThat(wrong).hasValue(0);
        assertThat(counters.count("sensitive-file-read", "Warning", "blocked")).isEqualTo((long) threads * perThread);
        assertThat(lines)
                .as("written up to the rate limit, each naming the real target")
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("\"fd.name\":\"/etc/shadow\""));
    }

    @Test
    void identitiesRefreshedOnEveryCallFromManyThreadsStillAnswerRight() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret"), "v1");
        Path other = Files.writeString(tmp.resolve("other"), "x");
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
        // every read of the clock is a second later: each call races to reload the snapshot
        FileIdentities ids = new FileIdentities(
                List.of(secret.toString()), List.of(), () -> clock.addAndGet(FileIdentities.REFRESH_NANOS));
        Object secretKey = FileIdentities.key(secret);
        Object otherKey = FileIdentities.key(other);
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread w = new Thread(() -> {
                for (int i = 0; i < 300; i++) {
                    if (!secret.toString().equals(ids.name(secretKey)) || ids.name(otherKey, false) != null) {
                        wrong.incrementAndGet();
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }

        assertThat(wrong).hasValue(0);
    }

    @Test
    void aLinkToAThreadsEnvironIsJudgedByItsRealPathWhileAnEmptyOrdinaryFileIsNot() throws Exception {
        // procfs files report size 0: the one case where the identity check hands over to the real path
        long pid = ProcessHandle.current().pid();
        Path toEnviron = Files.createSymbolicLink(tmp.resolve("env"), Path.of("/proc/thread-self/environ"));
        Path empty = Files.createFile(tmp.resolve("empty.txt"));

        assertThat(paths().match(toEnviron.toString())).matches("/proc/" + pid + "/task/[0-9]+/environ");
        assertThat(paths().match(empty.toString())).isNull();
    }

    @Test
    void aLinkLoopIsLeftUnjudgedWithoutHanging() throws Exception {
        Files.createSymbolicLink(tmp.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(tmp.resolve("b"), Path.of("a"));

        assertThat(paths().match(tmp.resolve("a").toString())).isNull();
        assertThat(GuardCallback.check(
                        guard("block"), "file.write", tmp.resolve("a").toString()))
                .isNull();
    }
}
