package dev.vigil.metrics.agent.guard.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP sink against real collectors on loopback: the JDK's HTTP(S) server and a socket that never answers. */
class HttpSinkTest {
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    /** One received request. */
    record Received(String method, String path, String contentType, String authorization, String body) {}

    @AfterEach
    void cleanUp() throws Exception {
        Collections.reverse(cleanup);
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    @Test
    void postsEachEventAsItsOwnJsonRequestInOrder() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer server = collector(HttpServer.create(loopback(), 0), received, 200);
        EventSink sink = open("http://127.0.0.1:" + server.getAddress().getPort() + "/falco");
        for (int i = 0; i < 50; i++) {
            sink.write("{\"rule\":\"r\",\"n\":" + i + "}");
        }
        awaitCount(received, 50);
        assertThat(received).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/falco");
            assertThat(r.contentType()).isEqualTo("application/json");
            assertThat(r.authorization()).isNull();
        });
        assertThat(received)
                .extracting(Received::body)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50)
                        .mapToObj(i -> "{\"rule\":\"r\",\"n\":" + i + "}")
                        .toList());
        assertThat(((HttpSink) sink).delivered()).isEqualTo(50);
        assertThat(sink.dropped()).isZero();
        assertThat(Thread.getAllStackTraces().keySet())
                .as("the sink's threads are daemons named for the guard to recognise")
                .filteredOn(t -> t.getName().startsWith(EventSinks.THREAD_NAME_PREFIX))
                .isNotEmpty()
                .allMatch(Thread::isDaemon)
                .anyMatch(t -> t.getName().startsWith(EventSinks.THREAD_NAME_PREFIX + "-http-"));
    }

    @Test
    void aCollectorThatNeverAnswersNeverBlocksTheWriter() throws Exception {
        // accepts connections (the kernel completes the handshake) and never reads or answers
        ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        cleanup.add(hung);
        List<Socket> held = new CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(hung.accept());
                }
            } catch (IOException closed) {
                // test over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        cleanup.add(() -> held.forEach(s -> {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }));
        HttpSink sink = new HttpSink(
                URI.create("http://127.0.0.1:" + hung.getLocalPort() + "/"),
                null,
                1_000,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30));
        cleanup.add(sink);
        // a flood of 100,000 events while the one request in flight hangs: write only ever offers to the queue
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 100_000; i++) {
                sink.write("{\"n\":" + i + "}");
            }
        });
        assertThat(sink.dropped())
                .as("queue of 1,000 plus at most one in flight")
                .isGreaterThanOrEqualTo(98_999);
        assertThat(sink.delivered()).isZero();
        // close gives up on the hung request after its bounded wait; what was queued is counted as dropped
        assertTimeoutPreemptively(Duration.ofSeconds(10), sink::close);
        assertThat(sink.dropped()).isGreaterThanOrEqualTo(99_999);
        sink.write("{}");
        assertThat(sink.dropped()).as("writes after close are dropped").isGreaterThanOrEqualTo(100_000);
    }

    @Test
    void anUnreachableOrFailingCollectorIsCountedAndLoggedWithoutSecrets() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer server = collector(HttpServer.create(loopback(), 0), received, 503);
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            EventSink sink =
                    open("http://alice:s3cret@127.0.0.1:" + server.getAddress().getPort() + "/events?token=t0ken");
            sink.write("{\"output\":\"private-body\"}");
            sink.write("{\"output\":\"private-body\"}");
            awaitCount(received, 2);
            awaitDropped(sink, 2);
        } finally {
            System.setErr(original);
        }
        assertThat(received.get(0).authorization())
                .as("user info becomes Basic authentication")
                .isEqualTo("Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(received.get(0).path()).isEqualTo("/events");
        String printed = log.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("[vigil-guard] WARN event collector http://127.0.0.1:"
                        + server.getAddress().getPort() + "/events answered HTTP 503")
                .doesNotContain("s3cret", "alice", "t0ken", "private-body");
        assertThat(printed.lines()).as("logged once, not per event").hasSize(1);
    }

    @Test
    void deliversOverHttpsToACollectorWithATestCa() throws Exception {
        Pki pki = Pki.create();
        HttpsServer server = HttpsServer.create(loopback(), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext()));
        List<Received> received = new CopyOnWriteArrayList<>();
        collector(server, received, 200);
        String url = "https://localhost:" + server.getAddress().getPort() + "/";

        EventSink trusting = EventSinks.open(List.of(url), pki.clientContext()).get(0);
        cleanup.add(trusting);
        trusting.write("{\"rule\":\"tls\"}");
        awaitCount(received, 1);
        assertThat(received.get(0).body()).isEqualTo("{\"rule\":\"tls\"}");

        // the JVM's default trust store does not know the test CA: nothing is delivered, the event is counted
        EventSink strict = EventSinks.open(List.of(url)).get(0);
        cleanup.add(strict);
        PrintStream original = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            strict.write("{\"rule\":\"untrusted\"}");
            awaitDropped(strict, 1);
        } finally {
            System.setErr(original);
        }
        assertThat(received).hasSize(1);
    }

    // ---- helpers ----

    private EventSink open(String url) {
        EventSink sink = EventSinks.open(List.of(url)).get(0);
        cleanup.add(sink);
        return sink;
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private <S extends HttpServer> S collector(S server, List<Received> received, int status) {
        server.createContext("/", exchange -> answer(exchange, received, status));
        server.start();
        cleanup.add(() -> server.stop(0));
        return server;
    }

    private static void answer(HttpExchange exchange, List<Received> received, int status) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void awaitCount(List<?> list, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (list.size() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(list).hasSize(n);
    }

    private static void awaitDropped(EventSink sink, long n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sink.dropped() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(sink.dropped()).isEqualTo(n);
    }

    /** A throw-away CA and a server certificate for localhost / 127.0.0.1 signed by it (Bouncy Castle). */
    record Pki(KeyStore serverKeys, X509Certificate ca) {
        static final char[] PASSWORD = "changeit".toCharArray();

        static Pki create() throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair caKeys = g.generateKeyPair();
            KeyPair serverKeys = g.generateKeyPair();
            Instant now = Instant.now();
            X500Principal caName = new X500Principal("CN=Vigil test CA");
            JcaX509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(
                    caName,
                    BigInteger.ONE,
                    Date.from(now.minusSeconds(300)),
                    Date.from(now.plusSeconds(3600)),
                    caName,
                    caKeys.getPublic());
            caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            X509Certificate ca = sign(caBuilder, caKeys);
            JcaX509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(
                    ca,
                    BigInteger.TWO,
                    Date.from(now.minusSeconds(300)),
                    Date.from(now.plusSeconds(3600)),
                    new X500Principal("CN=localhost"),
                    serverKeys.getPublic());
            leaf.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", serverKeys.getPrivate(), PASSWORD, new java.security.cert.Certificate[] {
                sign(leaf, caKeys), ca
            });
            return new Pki(ks, ca);
        }

        private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
        }

        SSLContext serverContext() throws Exception {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(serverKeys, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        }

        SSLContext clientContext() throws Exception {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        }
    }
}
