package dev.vigil.metrics.agent.guard.output;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * POSTs each event to a collector (Falcosidekick's {@code /} endpoint, any HTTP log intake) as its own request with
 * {@code Content-Type: application/json}. {@link #write} only offers the event to a bounded queue: one daemon thread
 * ({@value #THREAD_NAME}) sends them, in order, so the application's thread never waits for the network; the HTTP
 * client's own tasks run on daemon threads named {@value #THREAD_NAME}{@code -http-N}. When the
 * queue is full the event is dropped and counted. User info in the URL ({@code https://user:pass@host/}) is sent as
 * HTTP Basic authentication and never printed; the URL is printed without user info and query.
 */
final class HttpSink implements EventSink {
    static final String THREAD_NAME = EventSinks.THREAD_NAME_PREFIX;
    static final int DEFAULT_QUEUE = 1_000;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final URI uri;
    private final String shown;
    private final String authorization;
    private final BlockingQueue<String> queue;
    private final HttpClient client;
    private final ExecutorService clientThreads;
    private final Duration requestTimeout;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean closed;
    private long lastLog = System.nanoTime() - LOG_EVERY_NANOS;
    private boolean failing;

    HttpSink(URI uri, SSLContext ssl, int queueSize, Duration connectTimeout, Duration requestTimeout) {
        String userInfo = uri.getRawUserInfo();
        this.authorization = userInfo == null
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString(java.net.URLDecoder.decode(userInfo, StandardCharsets.UTF_8)
                                        .getBytes(StandardCharsets.UTF_8));
        this.uri = withoutUserInfo(uri);
        this.shown = shown(uri);
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.requestTimeout = requestTimeout;
        // the client's own tasks (connecting, reading) run on daemon threads named like ours, so a guard hook can tell
        // the sink's I/O from the application's
        AtomicInteger n = new AtomicInteger();
        this.clientThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, THREAD_NAME + "-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpClient.Builder b = HttpClient.newBuilder()
                .executor(clientThreads)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.client = b.build();
        this.thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void write(String jsonLine) {
        if (jsonLine == null) {
            return;
        }
        if (closed || !queue.offer(Lines.oneLine(jsonLine))) {
            dropped.incrementAndGet();
        }
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    /** Events the collector accepted (a 2xx answer). */
    long delivered() {
        return delivered.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
        clientThreads.shutdownNow();
        List<String> left = new ArrayList<>();
        queue.drainTo(left);
        dropped.addAndGet(left.size());
    }

    private void run() {
        while (true) {
            String event;
            try {
                event = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (event == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (!send(event)) {
                dropped.incrementAndGet();
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    private boolean send(String event) {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "vigil-metrics-agent")
                .POST(HttpRequest.BodyPublishers.ofString(event, StandardCharsets.UTF_8));
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        String problem;
        try {
            int status = client.send(r.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status >= 200 && status < 300) {
                delivered.incrementAndGet();
                if (failing) {
                    failing = false;
                    log("delivering events to " + shown + " again");
                }
                return true;
            }
            problem = "answered HTTP " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException | RuntimeException e) {
            // the class only: messages of some exceptions carry the URL
            problem = "failed (" + e.getClass().getSimpleName() + ")";
        }
        long now = System.nanoTime();
        if (!failing || now - lastLog >= LOG_EVERY_NANOS) {
            failing = true;
            lastLog = now;
            log("WARN event collector " + shown + " " + problem + "; events are dropped until it recovers ("
                    + dropped.get() + " dropped so far)");
        }
        return false;
    }

    private static void log(String message) {
        System.err.println("[vigil-guard] " + message);
    }

    /** {@code scheme://host[:port]/path}: no user info, no query, no fragment. */
    static String shown(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        String s = uri.toString();
        int at = s.indexOf('@');
        return URI.create(uri.getScheme() + "://" + s.substring(at + 1));
    }

    @Override
    public String toString() {
        return "http " + shown;
    }
}
