package dev.vigil.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, defect 7: file &lt; {@code VIGIL_JWT_*} environment &lt; init-params, merged key by key whatever the
 * keys' spelling, on every entry point. Each pair sets the same ten keys in both sources (one spelling per source),
 * so a merge that depends on hash order cannot pass by luck.
 */
class ConfigPrecedenceTest {
    /** Ten settings whose effective value is visible on the configuration. */
    static final List<String> KEYS = List.of(
            "vigil.jwt.realm",
            "vigil.jwt.clock-skew",
            "vigil.jwt.max-lifetime",
            "vigil.jwt.roles-claim",
            "vigil.jwt.cache.max-entries",
            "vigil.jwt.jwks.ttl",
            "vigil.jwt.jwks.retry-after",
            "vigil.jwt.jwks.timeout",
            "vigil.jwt.jwks.max-stale",
            "vigil.jwt.session.issuer");

    /** The base every source needs; set in the lowest source of each test. */
    static final Map<String, String> BASE = Map.of(
            "vigil.jwt.audience", "orders-api",
            "vigil.jwt.trust.1.issuer", "https://idp.example.com",
            "vigil.jwt.trust.1.jwks-uri", "https://idp.example.com/keys");

    /** A value for every key that says which source it came from: sources are numbered 1, 2, 3. */
    static Map<String, String> values(int source, Function<String, String> spelling) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(spelling.apply("vigil.jwt.realm"), "realm-" + source);
        m.put(spelling.apply("vigil.jwt.clock-skew"), (10 * source) + "s");
        m.put(spelling.apply("vigil.jwt.max-lifetime"), source + "h");
        m.put(spelling.apply("vigil.jwt.roles-claim"), "roles" + source);
        m.put(spelling.apply("vigil.jwt.cache.max-entries"), Integer.toString(1000 * source));
        m.put(spelling.apply("vigil.jwt.jwks.ttl"), source + "m");
        m.put(spelling.apply("vigil.jwt.jwks.retry-after"), (5 * source) + "s");
        m.put(spelling.apply("vigil.jwt.jwks.timeout"), (100 * source) + "ms");
        m.put(spelling.apply("vigil.jwt.jwks.max-stale"), source + "d");
        m.put(spelling.apply("vigil.jwt.session.issuer"), "urn:session:" + source);
        return m;
    }

    static String env(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    static String prop(String key) {
        return key;
    }

    static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new LinkedHashMap<>(a);
        m.putAll(b);
        return m;
    }

    /** Every one of the ten keys holds the value of the given source. */
    static void assertAllFrom(JwtFilterConfig c, int source) {
        assertThat(c.realm()).isEqualTo("realm-" + source);
        assertThat(c.clockSkew()).isEqualTo(Duration.ofSeconds(10L * source));
        assertThat(c.maxLifetime()).isEqualTo(Duration.ofHours(source));
        assertThat(c.rolesClaim()).isEqualTo("roles" + source);
        assertThat(c.cacheMaxEntries()).isEqualTo(1000 * source);
        assertThat(c.keySetPolicy().ttl()).isEqualTo(Duration.ofMinutes(source));
        assertThat(c.keySetPolicy().retryAfter()).isEqualTo(Duration.ofSeconds(5L * source));
        assertThat(c.keySetPolicy().fetchTimeout()).isEqualTo(Duration.ofMillis(100L * source));
        assertThat(c.keySetPolicy().maxStale()).isEqualTo(Duration.ofDays(source));
        assertThat(c.sessionIssuer()).isEqualTo("urn:session:" + source);
    }

    static Path file(Path dir, Map<String, String> entries) throws Exception {
        java.util.Properties p = new java.util.Properties();
        p.putAll(entries);
        Path f = dir.resolve("jwt.properties");
        try (var w = Files.newBufferedWriter(f)) {
            p.store(w, null);
        }
        return f;
    }

    // -- properties map (fromProperties: the Spring Boot path) < environment ------------------------------------

    @Test
    void environmentOverridesTheMapGivenToFromProperties() {
        JwtFilterConfig c = JwtFilterConfig.fromProperties(
                with(BASE, values(1, ConfigPrecedenceTest::prop)), () -> values(2, ConfigPrecedenceTest::env));
        assertAllFrom(c, 2);
        assertThat(c.toString())
                .contains("read from: properties (13 keys) < environment (10 keys)")
                .contains("VIGIL_JWT_CLOCK_SKEW (environment) over vigil.jwt.clock-skew (properties)");
    }

    @Test
    void fromPropertiesWithoutAnEnvironmentKeyKeepsTheMap() {
        JwtFilterConfig c = JwtFilterConfig.fromProperties(
                with(BASE, values(1, ConfigPrecedenceTest::prop)),
                () -> Map.of("PATH", "/usr/bin", "VIGIL_OTHER", "x"));
        assertAllFrom(c, 1);
        assertThat(c.toString()).doesNotContain("overridden:");
    }

    @Test
    void environmentKeysAreCheckedLikeAnyOther() {
        assertThatThrownBy(() -> JwtFilterConfig.fromProperties(
                        BASE, () -> Map.of("VIGIL_JWT_CLOCK_SKEW", "soon", "VIGIL_JWT_CLOK_SKEW", "1s")))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "vigil.jwt.clock-skew was 'soon' but it must be a duration such as 500ms, 60s, "
                                                + "15m, 24h, 7d or PT60S",
                                        "VIGIL_JWT_CLOK_SKEW is not a known setting"));
    }

    // -- file < environment (fromFile) --------------------------------------------------------------------------

    @Test
    void environmentOverridesTheFile(@TempDir Path dir) throws Exception {
        Path f = file(dir, with(BASE, values(1, ConfigPrecedenceTest::prop)));
        JwtFilterConfig c = JwtFilterConfig.fromFile(f, () -> values(2, ConfigPrecedenceTest::env));
        assertAllFrom(c, 2);
        assertThat(c.toString()).contains("read from: file " + f + " (13 keys) < environment (10 keys)");
    }

    @Test
    void environmentOverridesTheFileAlsoWhenBothUseOneSpelling(@TempDir Path dir) throws Exception {
        Path f = file(dir, with(BASE, values(1, ConfigPrecedenceTest::env)));
        assertAllFrom(JwtFilterConfig.fromFile(f, () -> values(2, ConfigPrecedenceTest::env)), 2);
    }

    // -- the filter's init-params: file < init-params, environment < init-params, all three ----------------------

    @Test
    void initParamsOverrideTheFile(@TempDir Path dir) throws Exception {
        Path f = file(dir, with(BASE, values(1, ConfigPrecedenceTest::env)));
        Map<String, String> init =
                with(Map.of("vigil.jwt.config-file", f.toString()), values(3, ConfigPrecedenceTest::prop));
        assertAllFrom(JwtFilterConfig.fromInitParameters(init, Map::of), 3);
    }

    @Test
    void initParamsOverrideTheEnvironment() {
        Map<String, String> env =
                with(values(2, ConfigPrecedenceTest::env), Map.of("VIGIL_JWT_AUDIENCE", "orders-api"));
        Map<String, String> init = with(BASE, values(3, ConfigPrecedenceTest::prop));
        assertAllFrom(JwtFilterConfig.fromInitParameters(init, () -> env), 3);
    }

    @Test
    void initParamsInTheEnvironmentSpellingStillOverrideTheEnvironment() {
        Map<String, String> init = with(BASE, values(3, ConfigPrecedenceTest::env));
        assertAllFrom(JwtFilterConfig.fromInitParameters(init, () -> values(2, ConfigPrecedenceTest::prop)), 3);
    }

    @Test
    void fileThenEnvironmentThenInitParamsKeyByKey(@TempDir Path dir) throws Exception {
        Path f = file(dir, with(BASE, values(1, ConfigPrecedenceTest::prop)));
        Map<String, String> env = Map.of(
                "VIGIL_JWT_CLOCK_SKEW", "20s",
                "VIGIL_JWT_ROLES_CLAIM", "roles2",
                "VIGIL_JWT_JWKS_TTL", "2m");
        Map<String, String> init = Map.of(
                "vigil.jwt.config-file", f.toString(),
                "vigil.jwt.jwks.ttl", "3m",
                "vigil.jwt.realm", "realm-3");
        JwtFilterConfig c = JwtFilterConfig.fromInitParameters(init, () -> env);
        assertThat(c.realm()).isEqualTo("realm-3"); // file < init
        assertThat(c.clockSkew()).isEqualTo(Duration.ofSeconds(20)); // file < env
        assertThat(c.rolesClaim()).isEqualTo("roles2"); // file < env
        assertThat(c.keySetPolicy().ttl()).isEqualTo(Duration.ofMinutes(3)); // file < env < init
        assertThat(c.maxLifetime()).isEqualTo(Duration.ofHours(1)); // file only
        assertThat(c.toString())
                .contains("read from: file " + f + " (13 keys) < environment (3 keys) < init-params (3 keys)")
                .contains("vigil.jwt.jwks.ttl (init-params) over VIGIL_JWT_JWKS_TTL (environment)")
                .contains("VIGIL_JWT_CLOCK_SKEW (environment) over vigil.jwt.clock-skew (file)");
    }

    @Test
    void configFileMayBeNamedByTheEnvironment(@TempDir Path dir) throws Exception {
        Path f = file(dir, with(BASE, values(1, ConfigPrecedenceTest::prop)));
        assertAllFrom(
                JwtFilterConfig.fromInitParameters(Map.of(), () -> Map.of("VIGIL_JWT_CONFIG_FILE", f.toString())), 1);
    }

    @Test
    void unreadableConfigFileIsOneClearProblem(@TempDir Path dir) {
        Path missing = dir.resolve("absent.properties");
        assertThatThrownBy(() -> JwtFilterConfig.fromInitParameters(
                        Map.of("vigil.jwt.config-file", missing.toString()), Map::of))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .startsWith("vigil.jwt.config-file was '" + missing + "' but it cannot be read"));
    }

    // -- one map holding two spellings of a key --------------------------------------------------------------------

    @Test
    void inOneMapTheEnvironmentSpellingOverridesThePropertySpelling() {
        Map<String, String> mixed =
                with(with(BASE, values(1, ConfigPrecedenceTest::prop)), values(2, ConfigPrecedenceTest::env));
        assertAllFrom(JwtFilterConfig.fromProperties(mixed, Map::of), 2);
    }

    @Test
    void twoPropertySpellingsOfOneKeyWithDifferentValuesAreAProblem() {
        Map<String, String> m = with(BASE, Map.of("vigil.jwt.clock-skew", "10s", "vigil.jwt.clock_skew", "20s"));
        assertThatThrownBy(() -> JwtFilterConfig.fromProperties(m, Map::of))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("vigil.jwt.clock-skew and vigil.jwt.clock_skew in properties name the "
                                        + "same setting with different values: keep one of them"));
    }

    @Test
    void overridesAreLoggedByNameNeverByValue() {
        JwtFilterConfig c = JwtFilterConfig.fromProperties(
                with(
                        BASE,
                        Map.of(
                                "vigil.jwt.session.enabled", "true",
                                "vigil.jwt.redis.uri", "redis://:file-secret@localhost:6379")),
                () -> Map.of("VIGIL_JWT_REDIS_URI", "redis://:env-secret@localhost:6380"));
        assertThat(c.redisUri().getPort()).isEqualTo(6380);
        assertThat(c.toString())
                .contains("VIGIL_JWT_REDIS_URI (environment) over vigil.jwt.redis.uri (properties)")
                .doesNotContain("secret");
    }
}
