package dev.vigil.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.testsupport.FuzzProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz target for OIDC discovery (then RFC 8414 metadata): the IdP, or whoever answers in its place, serves the
 * discovery document and the key set it names. A real HTTP server (the JDK's, on loopback) serves the input: its text
 * up to the first NUL is the document at {@code /.well-known/openid-configuration} ({@code {base}} in it becomes the
 * server's URL, so the fuzzer reaches the issuer check), the rest the key set at every other path (a valid public
 * key set when there is no rest); RFC 8414 metadata answers 404. Properties: {@link KeySource#load()} either yields
 * keys or fails with {@link IOException} whose message is one line (it is logged: a document must not forge log
 * lines); keys are only ever taken from a document that names the configured issuer and from the {@code jwks_uri}
 * it names; no symmetric or private key survives; a load never outlives the fetch deadline by much. Stored inputs run
 * in every build; {@code benchmarks/fuzz.sh} fuzzes.
 *
 * <p>Jazzer's SSRF detector stays on, narrowed to what discovery may legitimately reach: the configured base (the
 * loopback server) and the host the document's own {@code jwks_uri} names (an IdP may serve its keys elsewhere). A
 * connection anywhere else is a finding.
 */
class DiscoveryFuzzTest {
    private static final String FIXED_JWKS = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"ec-1\","
            + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}]}";
    private static final ExecutorService THREADS = Executors.newFixedThreadPool(2);
    private static final HttpServer SERVER = start();
    private static final String BASE = "http://127.0.0.1:" + SERVER.getAddress().getPort();
    /** Short, so a jwks_uri naming an unreachable host costs at most this per input. */
    private static final HttpFetcher HTTP = new HttpFetcher(Duration.ofSeconds(2));

    private static volatile String document = "";
    private static volatile String jwks = FIXED_JWKS;
    /** The paths requested during one input. */
    private static final List<String> requests = new CopyOnWriteArrayList<>();

    @FuzzTest(maxDuration = "5m")
    void discoveryDocument(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        document = (nul < 0 ? text : text.substring(0, nul)).replace("{base}", BASE);
        jwks = nul < 0 ? FIXED_JWKS : text.substring(nul + 1);
        requests.clear();
        String named = namedHost(document);
        try (SilentCloseable allowed = BugDetectors.allowNetworkConnections(
                (host, port) -> (loopback(host) && port == SERVER.getAddress().getPort())
                        || (named != null && sameHost(named, host)))) {
            discover();
        }
    }

    private static void discover() {
        KeySource source = KeySource.discovery(BASE, URI.create(BASE + "/"), HTTP);
        long start = System.nanoTime();
        Throwable failed = FuzzProperties.check(
                "discovery",
                () -> {
                    KeySource.Loaded loaded = source.load();
                    Map<String, Object> doc = JSONObjectUtils.parse(document);
                    assertThat(doc.get("issuer"))
                            .as("keys taken from a document naming another issuer")
                            .isEqualTo(BASE);
                    // as sent: the client percent-encodes what the document wrote raw (non-ASCII)
                    String path = URI.create(
                                    URI.create((String) doc.get("jwks_uri")).toASCIIString())
                            .getRawPath();
                    assertThat(requests)
                            .as("the key set comes from the jwks_uri the document names")
                            .contains(path == null || path.isEmpty() ? "/" : path);
                    for (JWK k : loaded.keys().getKeys()) {
                        assertThat(k).as("symmetric key %s kept", k.getKeyID()).isNotInstanceOf(OctetSequenceKey.class);
                        assertThat(k.isPrivate())
                                .as("private key %s kept", k.getKeyID())
                                .isFalse();
                    }
                },
                IOException.class);
        long took = System.nanoTime() - start;
        if (failed != null) {
            assertThat(HttpFetcher.describe(failed))
                    .as("the failure as logged: one line")
                    .isNotBlank()
                    .doesNotContain("\n", "\r");
        }
        // both documents share one deadline: never much longer than the fetcher's timeout
        assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(5));
    }

    /** The host the document's jwks_uri names, without IPv6 brackets; null when there is none. */
    private static String namedHost(String doc) {
        try {
            String host = URI.create((String) JSONObjectUtils.parse(doc).get("jwks_uri"))
                    .getHost();
            return host == null ? null : host.replaceAll("^\\[|\\]$", "");
        } catch (Exception e) {
            return null;
        }
    }

    /** Equal names, or IP literals of one address (an IPv6 literal has several spellings); never a DNS lookup. */
    private static boolean sameHost(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        String literal = "[0-9.]+|.*:.*";
        if (!a.matches(literal) || !b.matches(literal)) {
            return false;
        }
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean loopback(String host) {
        return host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost");
    }

    private static HttpServer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.setExecutor(THREADS);
            s.createContext("/", ex -> {
                String path = ex.getRequestURI().getRawPath();
                requests.add(path);
                if (path.equals("/.well-known/openid-configuration")) {
                    answer(ex, 200, document);
                } else if (path.equals("/.well-known/oauth-authorization-server")) {
                    answer(ex, 404, "");
                } else {
                    answer(ex, 200, jwks);
                }
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        try (ex) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                ex.getResponseBody().write(bytes);
            }
        }
    }

    @AfterAll
    static void stop() {
        SERVER.stop(0);
        THREADS.shutdownNow();
    }
}
