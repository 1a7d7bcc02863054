package dev.vigil.jwt;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
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
 * its family. Commands fail fast (1 s, and at once while disconnected) with {@link StoreUnavailableException}.
 * Requires a single Redis (or a primary behind Sentinel), not Redis Cluster.
 */
public final class RedisSessionStore implements SessionStore {
    private static final String PREFIX = "vigil:jwt:";
    private static final String CAS = """
            local cur = redis.call('GET', KEYS[1])
            if not cur then return 0 end
            if tostring(cjson.decode(cur)['version']) ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            if ARGV[4] ~= '' then redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[3]) end
            return 1
            """;

    private final RedisClient client;
    private final Clock clock;
    private StatefulRedisConnection<String, String> connection;

    private RedisSessionStore(RedisClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Creates the store; the connection is opened on first use and re-opened after a failure. */
    public static RedisSessionStore connect(URI uri, Clock clock) {
        RedisClient client = RedisClient.create(RedisURI.create(uri));
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(1)))
                .build());
        return new RedisSessionStore(client, clock);
    }

    private synchronized RedisCommands<String, String> redis() {
        try {
            if (connection == null || !connection.isOpen()) {
                connection = client.connect();
                connection.setTimeout(Duration.ofSeconds(1));
            }
            return connection.sync();
        } catch (RedisException e) {
            throw new StoreUnavailableException("redis unreachable: " + e.getMessage(), e);
        }
    }

    @Override
    public void create(RefreshFamily family, String tokenHash) {
        long ttl = ttlMillis(family);
        run(() -> {
            RedisCommands<String, String> r = redis();
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
        String[] keys = {PREFIX + "fam:" + expected.id(), PREFIX + "rt:" + (newTokenHash == null ? "-" : newTokenHash)};
        Long won = run(() -> redis().eval(
                        CAS,
                        ScriptOutputType.INTEGER,
                        keys,
                        Long.toString(expected.version()),
                        toJson(updated),
                        Long.toString(ttlMillis(updated)),
                        newTokenHash == null ? "" : expected.id()));
        return won != null && won == 1L;
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

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
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
