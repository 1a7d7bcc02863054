package dev.vigil.jwt;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Families and revocations in Redis (Lettuce), so that several instances share them and they survive
 * restarts. Families are JSON values replaced by a Lua compare-and-set on their version; every key expires with
 * its family. Commands fail fast (1 s, connecting included, and at once while disconnected) with {@link StoreUnavailableException}.
 * Works with a single Redis, a primary behind Sentinel, or a Redis Cluster ({@link #connectCluster}): every command
 * and script touches exactly one key, so no two keys ever have to share a hash slot.
 */
public final class RedisSessionStore implements SessionStore {
    private static final String PREFIX = "vigil:jwt:";
    private static final String CAS = """
            local cur = redis.call('GET', KEYS[1])
            if not cur then return 0 end
            if tostring(cjson.decode(cur)['version']) ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """;

    /** One sorted set per DPoP key (score = expiry): drop the expired, refuse a seen jti or a full key, add. */
    private static final String RECORD_PROOF = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
            if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return -1 end
            redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
            local ttl = tonumber(ARGV[3]) - tonumber(ARGV[2])
            if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
            return 1
            """;

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);
    /** A blackholed Redis must not hold a connect (and so a request) for Lettuce's default 10 s. */
    private static final io.lettuce.core.SocketOptions SOCKET_OPTIONS = io.lettuce.core.SocketOptions.builder()
            .connectTimeout(COMMAND_TIMEOUT)
            .build();

    private final Connector connector;
    private final Clock clock;
    private final java.util.concurrent.locks.ReentrantLock connecting = new java.util.concurrent.locks.ReentrantLock();
    private volatile Connected connected;

    private record Connected(
            StatefulConnection<String, String> connection, RedisClusterCommands<String, String> commands) {}

    /** Opens connections to a standalone Redis or to a cluster; shuts its client down. */
    private interface Connector {
        StatefulConnection<String, String> connect();

        RedisClusterCommands<String, String> commands(StatefulConnection<String, String> connection);

        void shutdown();
    }

    private RedisSessionStore(Connector connector, Clock clock) {
        this.connector = connector;
        this.clock = clock;
    }

    /** Creates the store; the connection is opened on first use and re-opened after a failure. */
    public static RedisSessionStore connect(URI uri, Clock clock) {
        RedisClient client = RedisClient.create(RedisURI.create(uri));
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SOCKET_OPTIONS)
                .build());
        return new RedisSessionStore(
                new Connector() {
                    @Override
                    public StatefulConnection<String, String> connect() {
                        return client.connect();
                    }

                    @Override
                    public RedisClusterCommands<String, String> commands(StatefulConnection<String, String> c) {
                        return ((io.lettuce.core.api.StatefulRedisConnection<String, String>) c).sync();
                    }

                    @Override
                    public void shutdown() {
                        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
                    }
                },
                clock);
    }

    /**
     * Creates the store on a Redis Cluster; {@code seed} is any one node ({@code redis://host:port}), the others
     * and later topology changes (failover, resharding) are discovered. Same fail-fast behaviour as
     * {@link #connect}.
     */
    public static RedisSessionStore connectCluster(URI seed, Clock clock) {
        RedisClusterClient client = RedisClusterClient.create(RedisURI.create(seed));
        client.setOptions(ClusterClientOptions.builder()
                // node connections open lazily, on the first command for their slots: queue until then (bounded by
                // the 1 s command timeout, so an unreachable node still fails fast) instead of rejecting at once
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SOCKET_OPTIONS)
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .enablePeriodicRefresh(Duration.ofSeconds(30))
                        .build())
                .build());
        return new RedisSessionStore(
                new Connector() {
                    @Override
                    public StatefulConnection<String, String> connect() {
                        return client.connect();
                    }

                    @Override
                    public RedisClusterCommands<String, String> commands(StatefulConnection<String, String> c) {
                        return ((io.lettuce.core.cluster.api.StatefulRedisClusterConnection<String, String>) c).sync();
                    }

                    @Override
                    public void shutdown() {
                        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
                    }
                },
                clock);
    }

    /**
     * The open connection's commands. While the connection is down, one caller at a time opens a new one (bounded
     * by the 1 s connect timeout); every other caller fails at once instead of queueing behind it, so no request thread waits longer than one timeout on Redis.
     */
    private RedisClusterCommands<String, String> redis() {
        Connected c = connected;
        if (c != null && c.connection().isOpen()) {
            return c.commands();
        }
        if (!lock(c == null)) {
            throw new StoreUnavailableException("redis unreachable: reconnecting", null);
        }
        try {
            c = connected;
            if (c != null && c.connection().isOpen()) {
                return c.commands();
            }
            if (c != null) {
                c.connection().closeAsync(); // its own reconnect attempts would leak
            }
            StatefulConnection<String, String> connection = connector.connect();
            connection.setTimeout(COMMAND_TIMEOUT);
            connected = new Connected(connection, connector.commands(connection));
            return connected.commands();
        } catch (RedisException e) {
            throw new StoreUnavailableException("redis unreachable: " + e.getMessage(), e);
        } finally {
            connecting.unlock();
        }
    }

    /** The first connection is waited for (at most one timeout); a reconnect is never queued behind. */
    private boolean lock(boolean first) {
        if (!first) {
            return connecting.tryLock();
        }
        try {
            return connecting.tryLock(COMMAND_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void create(RefreshFamily family, String tokenHash) {
        long ttl = ttlMillis(family);
        run(() -> {
            RedisClusterCommands<String, String> r = redis();
            r.set(PREFIX + "fam:" + family.id(), toJson(family), SetArgs.Builder.px(ttl));
            r.set(PREFIX + "rt:" + tokenHash, family.id(), SetArgs.Builder.px(ttl));
            r.sadd(PREFIX + "sub:" + family.subject(), family.id());
            r.pexpire(PREFIX + "sub:" + family.subject(), ttl);
            return null;
        });
    }

    @Override
    public Optional<RefreshFamily> findByToken(String tokenHash) {
        String id = run(() -> redis().get(PREFIX + "rt:" + tokenHash));
        return id == null ? Optional.empty() : find(id);
    }

    @Override
    public Optional<RefreshFamily> find(String familyId) {
        String json = run(() -> redis().get(PREFIX + "fam:" + familyId));
        return json == null ? Optional.empty() : Optional.of(fromJson(json));
    }

    @Override
    public boolean replace(RefreshFamily expected, RefreshFamily updated, String newTokenHash) {
        long ttl = ttlMillis(updated);
        String tokenKey = newTokenHash == null ? null : PREFIX + "rt:" + newTokenHash;
        // the new token's key first, then the family's compare-and-set: one key per command, so this works on a
        // cluster too. Until the swap wins, nobody holds the new token, so its key leads nowhere; a lost swap
        // removes it again (and it expires with the family should this instance die in between).
        if (tokenKey != null) {
            run(() -> redis().set(tokenKey, expected.id(), SetArgs.Builder.px(ttl)));
        }
        Long won = run(() -> redis().eval(
                        CAS,
                        ScriptOutputType.INTEGER,
                        new String[] {PREFIX + "fam:" + expected.id()},
                        Long.toString(expected.version()),
                        toJson(updated),
                        Long.toString(ttl)));
        boolean swapped = won != null && won == 1L;
        if (!swapped && tokenKey != null) {
            run(() -> redis().del(tokenKey));
        }
        return swapped;
    }

    @Override
    public Set<String> familiesOf(String subject) {
        return Set.copyOf(run(() -> redis().smembers(PREFIX + "sub:" + subject)));
    }

    @Override
    public void revokeJti(String jti, Instant until) {
        long ttl = until.toEpochMilli() - clock.millis();
        if (ttl > 0) {
            run(() -> redis().set(PREFIX + "jti:" + jti, "1", SetArgs.Builder.px(ttl)));
        }
    }

    @Override
    public boolean isJtiRevoked(String jti) {
        Long n = run(() -> redis().exists(PREFIX + "jti:" + jti));
        return n != null && n > 0;
    }

    /**
     * A plain {@code SET} of its own key, never a compare-and-set on the family: nothing a refresher does can make
     * it fail. (It cannot share a script with the family's key on a cluster; refreshers check it after their
     * compare-and-set instead.)
     */
    @Override
    public void revokeFamily(String familyId, Instant until) {
        long ttl = Math.max(1000, until.toEpochMilli() - clock.millis());
        run(() -> redis().set(PREFIX + "famrev:" + familyId, "1", SetArgs.Builder.px(ttl)));
    }

    @Override
    public boolean isFamilyRevoked(String familyId) {
        Long n = run(() -> redis().exists(PREFIX + "famrev:" + familyId));
        return n != null && n > 0;
    }

    /** One {@code EXISTS} for both keys (split per node by Lettuce on a cluster). */
    @Override
    public boolean isRevoked(String jti, String familyId) {
        List<String> keys = new java.util.ArrayList<>(2);
        if (jti != null) {
            keys.add(PREFIX + "jti:" + jti);
        }
        if (familyId != null) {
            keys.add(PREFIX + "famrev:" + familyId);
        }
        if (keys.isEmpty()) {
            return false;
        }
        Long n = run(() -> redis().exists(keys.toArray(String[]::new)));
        return n != null && n > 0;
    }

    @Override
    public boolean isShared() {
        return true;
    }

    /** One script on one key per DPoP key (cluster-safe): like {@code SET NX PX}, with a bound per key. */
    @Override
    public boolean recordProof(String keyThumbprint, String jtiHash, Instant until, int maxPerKey) {
        long now = clock.millis();
        long expiry = Math.max(until.toEpochMilli(), now + 1);
        Long r = run(() -> redis().eval(
                        RECORD_PROOF,
                        ScriptOutputType.INTEGER,
                        new String[] {PREFIX + "dpop:" + keyThumbprint},
                        jtiHash,
                        Long.toString(now),
                        Long.toString(expiry),
                        Integer.toString(maxPerKey)));
        return r != null && r == 1L;
    }

    @Override
    public void close() {
        Connected c = connected;
        if (c != null) {
            c.connection().close();
        }
        connector.shutdown();
    }

    private long ttlMillis(RefreshFamily f) {
        return Math.max(1000, f.absoluteExpiresAt() - clock.millis() + 60_000);
    }

    private interface Call<T> {
        T call();
    }

    private <T> T run(Call<T> call) {
        try {
            return call.call();
        } catch (RedisException e) {
            throw new StoreUnavailableException("redis command failed: " + e.getMessage(), e);
        }
    }

    static String toJson(RefreshFamily f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("subject", f.subject());
        m.put("scopes", List.copyOf(f.scopes()));
        m.put("deviceHash", f.deviceHash());
        m.put("dpop", f.dpopThumbprint());
        m.put("createdAt", f.createdAt());
        m.put("absoluteExpiresAt", f.absoluteExpiresAt());
        m.put("idleExpiresAt", f.idleExpiresAt());
        m.put("currentHash", f.currentHash());
        m.put("parentHash", f.parentHash());
        m.put("rotatedAt", f.rotatedAt());
        m.put("revoked", f.revoked());
        m.put("accessJtis", new HashMap<>(f.accessJtis()));
        m.put("version", f.version());
        return JSONObjectUtils.toJSONString(m);
    }

    static RefreshFamily fromJson(String json) {
        try {
            Map<String, Object> m = JSONObjectUtils.parse(json);
            Map<String, Long> jtis = new HashMap<>();
            Map<String, Object> rawJtis = JSONObjectUtils.getJSONObject(m, "accessJtis");
            if (rawJtis != null) {
                rawJtis.forEach((k, v) -> jtis.put(k, ((Number) v).longValue()));
            }
            return new RefreshFamily(
                    (String) m.get("id"),
                    (String) m.get("subject"),
                    new HashSet<>(JSONObjectUtils.getStringList(m, "scopes")),
                    (String) m.get("deviceHash"),
                    (String) m.get("dpop"),
                    JSONObjectUtils.getLong(m, "createdAt"),
                    JSONObjectUtils.getLong(m, "absoluteExpiresAt"),
                    JSONObjectUtils.getLong(m, "idleExpiresAt"),
                    (String) m.get("currentHash"),
                    (String) m.get("parentHash"),
                    JSONObjectUtils.getLong(m, "rotatedAt"),
                    JSONObjectUtils.getBoolean(m, "revoked"),
                    jtis,
                    JSONObjectUtils.getLong(m, "version"));
        } catch (ParseException | RuntimeException e) {
            throw new StoreUnavailableException("unreadable family in redis: " + e.getMessage(), e);
        }
    }
}
