package dev.vigil.metrics.agent.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.metrics.MetricsConfig;
import dev.vigil.metrics.agent.ServletRecorder;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard's rules and event pipeline, fed by hand the way the woven hooks feed it. */
class GuardTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines = new ArrayList<>();
    private final GuardCounters counters = new GuardCounters();

    private Guard guard(String options) {
        return new Guard(
                MetricsConfig.parse(options, Map.of(), Map.of()),
                counters,
                lines::add,
                new SensitivePaths("/home/app", "/srv/app"));
    }

    private JsonNode onlyEvent() throws Exception {
        assertThat(lines).hasSize(1);
        return FalcoShape.check(JSON.readTree(lines.get(0)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/etc/shadow",
                "/proc/self/environ",
                "/proc/4711/environ",
                "/var/run/secrets/kubernetes.io/serviceaccount/token",
                "/home/app/.ssh/id_ed25519",
                "../../etc/shadow",
                "/etc//./shadow"
            })
    void sensitiveReadsAreEvents(String path) throws Exception {
        Object r = GuardCallback.check(guard("guard=detect"), "file.read", path);

        assertThat(r).isNull();
        JsonNode e = onlyEvent();
        assertThat(e.get("rule").asText()).isEqualTo("sensitive-file-read");
        assertThat(e.get("priority").asText()).isEqualTo("Warning");
        assertThat(e.get("output_fields").get("fd.name").asText())
                .startsWith("/")
                .doesNotContain("..");
        assertThat(counters.count("sensitive-file-read", "Warning", "detected")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/hostname", "/etc/passwd", "app.properties", "/proc/self/stat", "/home/app/notes.txt"})
    void ordinaryFilesAreNot(String path) {
        assertThat(GuardCallback.check(guard("guard=block"), "file.read", path)).isNull();
        assertThat(GuardCallback.check(guard("guard=block"), "file.write", path))
                .isNull();
        assertThat(lines).isEmpty();
    }

    @Test
    void aWriteThroughNioIsAnErrorAndBlockedWithTheRuleId() throws Exception {
        Object r = GuardCallback.check(guard("guard=block"), "file.nio", new Object[] {
            Path.of("/root/.ssh/authorized_keys"), Set.of(StandardOpenOption.WRITE)
        });

        assertThat(r).isInstanceOf(SecurityException.class);
        assertThat(((SecurityException) r).getMessage()).contains("sensitive-file-write");
        JsonNode e = onlyEvent();
        assertThat(e.get("priority").asText()).isEqualTo("Error");
        assertThat(e.get("tags").toString()).contains("\"blocked\"").doesNotContain("\"detected\"");
        assertThat(counters.count("sensitive-file-write", "Error", "blocked")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ldap://203.0.113.7:1389/a", "LDAP://x/a", "rmi://x:1099/a", "dns://x/a", "iiop://x/a"})
    void remoteJndiLookupsAreCritical(String url) throws Exception {
        GuardCallback.check(guard("guard=detect"), "jndi", url);

        JsonNode e = onlyEvent();
        assertThat(e.get("rule").asText()).isEqualTo("jndi-remote-lookup");
        assertThat(e.get("priority").asText()).isEqualTo("Critical");
        assertThat(e.get("output_fields").get("jndi.url").asText()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java:comp/env/jdbc/orders", "jdbc/orders", "java:global/app"})
    void localJndiNamesAreNot(String name) {
        assertThat(GuardCallback.check(guard("guard=block"), "jndi", name)).isNull();
        assertThat(lines).isEmpty();
    }

    @Test
    void credentialsAndQueriesNeverReachAnEvent() throws Exception {
        GuardCallback.check(guard("guard=detect"), "jndi", "ldap://user:s3cret@x:389/dc=a?cn?sub?(uid=token123)");

        assertThat(lines.get(0)).doesNotContain("s3cret", "token123", "user:");
        assertThat(onlyEvent().get("output_fields").get("jndi.url").asText()).isEqualTo("ldap://x:389/dc=a");
    }

    @Test
    void gadgetClassesAreCriticalAndValueTypesAreNot() throws Exception {
        Guard g = guard("guard=detect");
        assertThat(GuardCallback.check(g, "deserialize", String.class)).isNull();
        assertThat(GuardCallback.check(g, "deserialize", int[].class)).isNull();
        assertThat(GuardCallback.check(g, "deserialize", ArrayList.class)).isNull();
        assertThat(GuardCallback.check(g, "deserialize", GuardTest.class)).isNull(); // no allow-list set
        assertThat(lines).isEmpty();

        GuardCallback.check(g, "deserialize", org.apache.commons.collections.functors.InvokerTransformer[].class);

        JsonNode e = onlyEvent();
        assertThat(e.get("rule").asText()).isEqualTo("deserialize-gadget-class");
        assertThat(e.get("output_fields").get("class.name").asText())
                .isEqualTo("org.apache.commons.collections.functors.InvokerTransformer");
    }

    @Test
    void anAllowListReportsEveryOtherClass() throws Exception {
        Guard g = guard("guard=detect,guard.allowClasses=com.acme.");
        assertThat(GuardCallback.check(g, "deserialize", java.util.HashMap.class))
                .isNull();
        assertThat(lines).isEmpty();

        GuardCallback.check(g, "deserialize", GuardTest.class);

        assertThat(onlyEvent().get("rule").asText()).isEqualTo("deserialize-unlisted-class");
    }

    @Test
    void aProcessOutsideAnyRequestIsNotAnEventAndInsideOneIsCritical() throws Exception {
        Guard g = guard("guard=detect");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "id");
        assertThat(GuardCallback.check(g, "process", pb)).isNull();
        assertThat(lines).isEmpty();

        ServletRecorder.trackRequests();
        ServletRecorder.start(new Object());
        try {
            GuardCallback.check(g, "process", pb);
        } finally {
            ServletRecorder.record(0L, "GET", null, null, null, "/", "", 200, null, null, null, null, null);
        }

        JsonNode e = onlyEvent();
        assertThat(e.get("rule").asText()).isEqualTo("process-in-request");
        assertThat(e.get("priority").asText()).isEqualTo("Critical");
        assertThat(e.get("output_fields").get("proc.cmdline").asText()).isEqualTo("/bin/sh -c id");
        assertThat(e.get("output_fields").get("proc.name").asText()).isEqualTo("sh");
        assertThat(e.get("output_fields").get("java.stack").asText())
                .as("JDK and agent frames (this test's too) are skipped")
                .isNotEmpty()
                .doesNotContain("java.lang.", "jdk.internal", "dev.vigil.metrics.");
        assertThat(ServletRecorder.currentRequest())
                .as("forgotten when the request ends")
                .isNull();
    }

    @Test
    void egressIsCheckedOnlyWhenConfigured() throws Exception {
        assertThat(GuardCallback.check(guard("guard=block"), "connect", new InetSocketAddress("203.0.113.9", 443)))
                .isNull();
        Guard g = guard("guard=detect,guard.egress=api.example.com|*.corp|127.0.0.1");
        assertThat(GuardCallback.check(g, "connect", InetSocketAddress.createUnresolved("API.example.com", 443)))
                .isNull();
        assertThat(GuardCallback.check(g, "connect", InetSocketAddress.createUnresolved("db.corp", 5432)))
                .isNull();
        assertThat(GuardCallback.check(g, "connect", new InetSocketAddress("127.0.0.1", 80)))
                .isNull();
        assertThat(lines).isEmpty();

        GuardCallback.check(g, "connect", InetSocketAddress.createUnresolved("evil.example.net", 4444));

        JsonNode e = onlyEvent();
        assertThat(e.get("rule").asText()).isEqualTo("egress-not-allowed");
        assertThat(e.get("output_fields").get("net.host").asText()).isEqualTo("evil.example.net");
        assertThat(e.get("output_fields").get("net.port").asText()).isEqualTo("4444");
    }

    @Test
    void aClassLoaderWithARemoteCodeBaseIsCritical() throws Exception {
        Guard g = guard("guard=detect");
        try (URLClassLoader local =
                new URLClassLoader(new URL[] {Path.of("/tmp").toUri().toURL()})) {
            assertThat(GuardCallback.check(g, "classload", new Object[] {local, "Exploit"}))
                    .isNull();
        }
        assertThat(lines).isEmpty();
        try (URLClassLoader remote = new URLClassLoader(new URL[] {new URL("http://203.0.113.5:8000/")})) {
            GuardCallback.check(g, "classload", new Object[] {remote, "Exploit"});
        }

        JsonNode e = onlyEvent();
        assertThat(e.get("rule").asText()).isEqualTo("remote-class-load");
        assertThat(e.get("output_fields").get("class.codebase").asText()).isEqualTo("http://203.0.113.5:8000/");
    }

    @Test
    void aScriptOutsideAnyRequestIsNotAnEvent() {
        assertThat(GuardCallback.check(guard("guard=block"), "script", new Object[] {new Object(), "1+1"}))
                .isNull();
        assertThat(lines).isEmpty();
    }

    @Test
    void aFloodIsRateLimitedButEveryEventIsCounted() throws Exception {
        Guard g = guard("guard=detect,guard.rate=20");
        for (int i = 0; i < 1000; i++) {
            GuardCallback.check(g, "jndi", "ldap://x/" + i);
        }

        assertThat(lines).hasSize(20);
        assertThat(counters.count("jndi-remote-lookup", "Critical", "detected")).isEqualTo(1000);
        GuardCallback.check(g, "file.read", "/etc/shadow");
        assertThat(lines).as("other rules have their own budget").hasSize(21);
    }

    @Test
    void theNextWindowSaysHowManyWereSuppressed() {
        long[] now = {0};
        RateLimiter limiter = new RateLimiter(2, RateLimiter.WINDOW_NANOS, () -> now[0]);
        assertThat(limiter.admit("r")).isZero();
        assertThat(limiter.admit("r")).isZero();
        assertThat(limiter.admit("r")).isEqualTo(-1);
        assertThat(limiter.admit("r")).isEqualTo(-1);
        now[0] = RateLimiter.WINDOW_NANOS - 1;
        assertThat(limiter.admit("r")).isEqualTo(-1);
        now[0] = RateLimiter.WINDOW_NANOS;
        assertThat(limiter.admit("r")).isEqualTo(3);
        assertThat(limiter.admit("r")).isZero();
    }

    @Test
    void everyRuleHasAStableIdAndAtLeastNoticePriority() {
        List<String> levels = List.of("Emergency", "Alert", "Critical", "Error", "Warning", "Notice");
        for (BuiltinRule r : BuiltinRule.values()) {
            assertThat(r.id()).matches("[a-z]+(-[a-z]+)*");
            assertThat(levels).as(r.id()).contains(r.priority());
        }
        assertThat(BuiltinRule.JNDI_REMOTE_LOOKUP.priority()).isEqualTo("Critical");
        assertThat(BuiltinRule.DESERIALIZE_GADGET_CLASS.priority()).isEqualTo("Critical");
        assertThat(BuiltinRule.PROCESS_IN_REQUEST.priority()).isEqualTo("Critical");
    }

    @Test
    void controlCharactersAndQuotesAreEscaped() throws Exception {
        GuardCallback.check(guard("guard=detect"), "jndi", "ldap://x/\"\n\u0001\\");

        assertThat(lines.get(0)).doesNotContain("\n");
        assertThat(onlyEvent().get("output_fields").get("jndi.url").asText()).isEqualTo("ldap://x/\"\n\u0001\\");
    }
}
