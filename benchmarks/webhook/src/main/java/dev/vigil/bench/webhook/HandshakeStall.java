package dev.vigil.bench.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.HdrHistogram.Histogram;

/**
 * How much a burst of new TLS connections delays the requests on a connection that is already open: one kept-alive
 * connection sends reviews back to back (latency recorded), then {@code --burst} fresh clients each open a new
 * connection (a full TLS 1.3 handshake) and send one review, all at once, a few times. Prints the kept-alive
 * connection's latency before and during the bursts. The API server reconnects like this after a timeout, a
 * webhook pod restart or a load balancer reset.
 *
 * <p>Usage: {@code HandshakeStall --url https://127.0.0.1:PORT/validate --ca ca.crt [--burst 64] [--rounds 5]}
 */
public final class HandshakeStall {
    private HandshakeStall() {}

    public static void main(String[] args) throws Exception {
        String url = null;
        Path ca = null;
        int burst = 64;
        int rounds = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--ca" -> ca = Path.of(args[i + 1]);
                case "--burst" -> burst = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SSLContext ssl = BlockingLoadGenerator.sslContext(ca);
        URI uri = URI.create(url + "?timeout=10s");
        byte[] body = Corpus.mixed().get(0).body();
        HttpClient kept = client(ssl);
        Histogram quiet = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram during = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (int i = 0; i < 3000; i++) { // warm-up (JIT on both sides), one connection
            send(kept, uri, body);
        }
        for (int i = 0; i < 2000; i++) {
            quiet.recordValue(send(kept, uri, body));
        }
        ExecutorService pool = Executors.newFixedThreadPool(burst);
        long handshakes = 0;
        for (int r = 0; r < rounds; r++) {
            CountDownLatch done = new CountDownLatch(burst);
            for (int b = 0; b < burst; b++) {
                pool.execute(() -> {
                    try {
                        send(client(ssl), uri, body); // a new client: a new connection and a full handshake
                    } catch (Exception e) {
                        System.err.println("burst request failed: " + e);
                    } finally {
                        done.countDown();
                    }
                });
            }
            handshakes += burst;
            while (done.getCount() > 0) {
                during.recordValue(send(kept, uri, body));
            }
        }
        pool.shutdown();
        System.out.printf(
                Locale.ROOT,
                "kept-alive connection: quiet p50_ms=%.3f p99_ms=%.3f max_ms=%.3f | during %d new handshakes"
                        + " (%d bursts of %d): n=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f%n",
                quiet.getValueAtPercentile(50) / 1e6,
                quiet.getValueAtPercentile(99) / 1e6,
                quiet.getMaxValue() / 1e6,
                handshakes,
                rounds,
                burst,
                during.getTotalCount(),
                during.getValueAtPercentile(50) / 1e6,
                during.getValueAtPercentile(99) / 1e6,
                during.getMaxValue() / 1e6);
    }

    private static long send(HttpClient client, URI uri, byte[] body) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode());
        }
        return System.nanoTime() - t0;
    }

    private static HttpClient client(SSLContext ssl) {
        return HttpClient.newBuilder()
                .sslContext(ssl)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }
}
