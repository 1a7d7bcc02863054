package dev.vigil.jwt;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP server (the JDK's) serving one JWK set at {@code /jwks}, which a test can make fail with a status,
 * stall half-way through the body, or answer slowly (it counts those requests), and an OIDC discovery document
 * naming {@link #base()} as issuer and {@code /jwks} as its key set.
 */
final class JwksServer implements AutoCloseable {
    enum Mode {
        OK,
        /** Headers and half the body, then nothing until the server is closed. */
        STALL_MID_BODY,
        /** HTTP 503 with no body. */
        FAIL
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.OK);
    private volatile long delayMillis;

    JwksServer(String jwks) throws IOException {
        body.set(jwks);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/jwks", ex -> {
            requests.incrementAndGet();
            try (ex) {
                if (delayMillis > 0) {
                    closing.await(delayMillis, TimeUnit.MILLISECONDS);
                }
                Mode m = mode.get();
                if (m == Mode.FAIL) {
                    ex.sendResponseHeaders(503, -1);
                    return;
                }
                byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, bytes.length);
                OutputStream out = ex.getResponseBody();
                if (m == Mode.STALL_MID_BODY) {
                    out.write(bytes, 0, bytes.length / 2);
                    out.flush();
                    closing.await();
                    return;
                }
                out.write(bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.createContext("/.well-known/openid-configuration", ex -> {
            try (ex) {
                byte[] doc = ("{\"issuer\":\"" + base() + "\",\"jwks_uri\":\"" + uri() + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, doc.length);
                ex.getResponseBody().write(doc);
            }
        });
        server.start();
    }

    /** The base URL, which is also the issuer named by its discovery document. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    URI uri() {
        return URI.create(base() + "/jwks");
    }

    void mode(Mode m) {
        mode.set(m);
    }

    void jwks(String jwks) {
        body.set(jwks);
    }

    /** Every answer waits this long first (a slow IdP: one JWKS round trip takes at least this). */
    void delay(long millis) {
        delayMillis = millis;
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
