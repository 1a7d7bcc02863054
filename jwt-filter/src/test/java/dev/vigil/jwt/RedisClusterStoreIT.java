package dev.vigil.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.Requirements;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Redis store on a real three-node Redis Cluster (three {@code redis-server --cluster-enabled yes} joined by
 * {@code redis-cli --cluster create}): families spread over the nodes' hash slots, rotation, reuse detection and
 * concurrent refreshes work, which a multi-key script would fail with CROSSSLOT.
 */
class RedisClusterStoreIT {
    static final String DEVICE = "device:cluster";
    static final List<RedisProcess> nodes = new ArrayList<>();
    static Path keyFile;

    @BeforeAll
    static void start() throws Exception {
        Requirements.tool("redis-server", "a real Redis cluster (apt-get install redis-server)");
        Requirements.path(
                "redis-cli", Path.of("/usr/bin/redis-cli"), "creates the cluster (apt-get install redis-server)");
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int port = freePortWithFreeBus();
            nodes.add(RedisProcess.start(
                    port,
                    List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--appendonly", "no")));
            addresses.add("127.0.0.1:" + port);
        }
        List<String> create = new ArrayList<>(List.of("/usr/bin/redis-cli", "--cluster", "create"));
        create.addAll(addresses);
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        String out = run(create);
        assertThat(out).as("redis-cli --cluster create").contains("[OK] All 16384 slots covered");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (RedisProcess n : nodes) {
            while (!run(List.of("/usr/bin/redis-cli", "-p", Integer.toString(n.port), "cluster", "info"))
                    .contains("cluster_state:ok")) {
                assertThat(System.nanoTime()).as("cluster never became ok").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
        keyFile = Files.createTempFile("session-key", ".jwk");
        Files.writeString(keyFile, TestKeys.rsa("session-1", 2048).toJSONString());
    }

    @AfterAll
    static void stop() throws Exception {
        for (RedisProcess n : nodes) {
            n.close();
        }
        if (keyFile != null) {
            Files.deleteIfExists(keyFile);
        }
    }

    /** A port whose cluster bus port (port + 10000) is free too. */
    private static int freePortWithFreeBus() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket s = new ServerSocket(0)) {
                int port = s.getLocalPort();
                if (port + 10000 > 65535) {
                    continue;
                }
                try (ServerSocket bus = new ServerSocket(port + 10000)) {
                    return port;
                } catch (java.io.IOException busTaken) {
                    // try another
                }
            }
        }
        throw new IllegalStateException("no free port pair for a cluster node");
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    record Instance(RefreshTokenService sessions, JwtValidator validator) implements AutoCloseable {
        static Instance start(int seed) {
            JwtFilterConfig config = JwtFilterConfig.fromProperties(java.util.Map.of(
                    "vigil.jwt.session.enabled", "true",
                    "vigil.jwt.audience", "orders-api",
                    "vigil.jwt.session.key-file", keyFile.toString(),
                    "vigil.jwt.store", "redis",
                    "vigil.jwt.redis.uri", "redis://127.0.0.1:" + nodes.get(seed).port,
                    "vigil.jwt.redis.cluster", "true",
                    "vigil.jwt.cache.enabled", "false"));
            RefreshTokenService s = RefreshTokenService.create(config);
            JwtValidator v = JwtValidator.withSessionIssuer(
                    config,
                    s.issuer(),
                    s.publicKeys(),
                    s.algorithms(),
                    s::isRevoked,
                    new dev.vigil.jwt.internal.JwtMetrics(new SimpleMeterRegistry()));
            return new Instance(s, v);
        }

        @Override
        public void close() {
            validator.close();
            sessions.close();
        }
    }

    @Test
    void familiesRotateAndReuseRevokesAcrossInstancesOnACluster() throws Exception {
        try (Instance a = Instance.start(0);
                Instance b = Instance.start(2)) {
            List<SessionTokens> logins = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                logins.add(a.sessions().login("user" + i, Set.of("orders:read"), DEVICE, null));
            }
            List<SessionTokens> latest = new ArrayList<>();
            for (SessionTokens login : logins) {
                SessionTokens rotated = b.sessions().refresh(login.refreshToken(), DEVICE, null);
                assertThat(rotated.refreshToken()).isNotNull();
                assertThat(a.validator().validate(rotated.accessToken()).getName())
                        .startsWith("user");
                latest.add(a.sessions().refresh(rotated.refreshToken(), DEVICE, null));
            }
            // reuse of a token rotated twice (beyond the grace for the previous one) revokes the family everywhere
            SessionTokens first = logins.get(0);
            assertThat(RefreshTokenServiceTest.reason(() -> b.sessions().refresh(first.refreshToken(), DEVICE, null)))
                    .isEqualTo("refresh_token_reused");
            assertThat(RefreshTokenServiceTest.reason(
                            () -> a.sessions().refresh(latest.get(0).refreshToken(), DEVICE, null)))
                    .isEqualTo("session_revoked");
            assertThat(RefreshTokenServiceTest.reason(
                            () -> b.validator().validate(latest.get(0).accessToken())))
                    .isEqualTo("token_revoked");
            // the other families are untouched
            assertThat(b.sessions()
                            .refresh(latest.get(1).refreshToken(), DEVICE, null)
                            .refreshToken())
                    .isNotNull();
            // the keys really are spread over the cluster: more than one node holds some
            int nodesWithKeys = 0;
            for (RedisProcess n : nodes) {
                String size = run(List.of("/usr/bin/redis-cli", "-p", Integer.toString(n.port), "dbsize"))
                        .trim();
                if (Long.parseLong(size) > 0) {
                    nodesWithKeys++;
                }
            }
            assertThat(nodesWithKeys).isGreaterThan(1);
        }
    }

    @Test
    void concurrentRefreshesOfOneTokenRotateExactlyOnceOnACluster() throws Exception {
        try (Instance a = Instance.start(1);
                Instance b = Instance.start(0)) {
            SessionTokens login = a.sessions().login("erin", Set.of(), DEVICE, null);
            int n = 12;
            ExecutorService pool = Executors.newFixedThreadPool(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                RefreshTokenService s = (i % 2 == 0 ? a : b).sessions();
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        return s.refresh(login.refreshToken(), DEVICE, null).refreshToken();
                    } catch (RefreshException e) {
                        return "rejected:" + e.reason();
                    }
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : futures) {
                results.add(f.get());
            }
            pool.shutdown();
            assertThat(results)
                    .filteredOn(t -> t != null && !t.startsWith("rejected:"))
                    .hasSize(1);
        }
    }
}
