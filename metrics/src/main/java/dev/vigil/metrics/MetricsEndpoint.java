package dev.vigil.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vigil.metrics.internal.EndpointAuth;
import dev.vigil.metrics.internal.ReloadingKeyManager;
import dev.vigil.metrics.internal.ScrapeBody;
import dev.vigil.metrics.internal.ScrapeRequest;
import dev.vigil.metrics.internal.ScrapeWriters;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/**
 * The Prometheus scrape endpoint: a JDK {@code HttpServer} with one daemon dispatcher thread that answers
 * {@code GET <path>} with the Prometheus text format 0.0.4, or OpenMetrics 1.0 when the {@code Accept} header asks for
 * it; gzip when accepted; {@code name[]} query parameters restrict the output. Every other path is a 404.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final int port;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
        this.port = server.getAddress().getPort();
    }

    /**
     * Binds the first free port of the configured range and starts serving.
     *
     * @throws IOException when no port of the range can be bound (a {@link BindException} on a clash)
     */
    public static MetricsEndpoint start(MetricsConfig config, PrometheusMeterRegistry registry) throws IOException {
        return start(config, registry, () -> {});
    }

    /**
     * Like {@link #start(MetricsConfig, PrometheusMeterRegistry)}, running {@code beforeScrape} (which must not throw)
     * before each scrape.
     */
    public static MetricsEndpoint start(MetricsConfig config, PrometheusMeterRegistry registry, Runnable beforeScrape)
            throws IOException {
        HttpServer server = bind(config);
        EndpointAuth auth = EndpointAuth.of(config);
        ScrapeWriters writers = new ScrapeWriters();
        server.createContext("/", exchange -> handle(exchange, config.path(), registry, auth, beforeScrape, writers));
        server.setExecutor(null);
        // the dispatcher thread inherits daemon status from the thread that starts it: never keep the JVM alive
        Thread starter = new Thread(server::start, "vigil-metrics-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MetricsEndpoint endpoint = new MetricsEndpoint(server);
        if (config.portFile() != null) {
            writePortFile(config.portFile(), endpoint.port);
        }
        return endpoint;
    }

    /** Ports tried after a busy default port. */
    static final int FAILOVER_PORTS = 10;

    private static HttpServer bind(MetricsConfig config) throws IOException {
        SSLContext tls = config.tlsKeystore() == null ? null : tlsContext(config);
        IOException last = null;
        // the default 9464 is also the OpenTelemetry Prometheus exporter's: when it is busy and no port was given,
        // fail over to the next free one (9465-9474) instead of serving nothing
        int to = config.portDefaulted() ? config.portTo() + FAILOVER_PORTS : config.portTo();
        for (int p = config.portFrom(); p <= to; p++) {
            try {
                InetSocketAddress address = new InetSocketAddress(config.host(), p);
                if (tls != null) {
                    HttpsServer https = HttpsServer.create(address, 64);
                    https.setHttpsConfigurator(new HttpsConfigurator(tls));
                    return https;
                }
                return HttpServer.create(address, 64);
            } catch (IOException e) {
                last = e;
            }
        }
        String range = config.portFrom() == to ? Integer.toString(config.portFrom()) : config.portFrom() + "-" + to;
        BindException clash = new BindException(
                "cannot bind " + config.host() + ":" + range + ": " + (last == null ? "" : last.getMessage()));
        if (last != null) {
            clash.initCause(last);
        }
        throw clash;
    }

    private static SSLContext tlsContext(MetricsConfig config) throws IOException {
        try {
            char[] password = Files.readAllLines(config.tlsKeystorePasswordFile()).stream()
                    .findFirst()
                    .orElse("")
                    .trim()
                    .toCharArray();
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new ReloadingKeyManager(config.tlsKeystore(), password)}, null, null);
            // resumed sessions keep the old certificate: bound how long a rotation takes to reach every scraper
            context.getServerSessionContext().setSessionTimeout(600);
            return context;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot set up TLS from " + config.tlsKeystore() + ": " + e.getMessage(), e);
        }
    }

    private static void writePortFile(Path file, int port) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = Files.createTempFile(parent, ".port", ".tmp");
        Files.writeString(tmp, port + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void handle(
            HttpExchange exchange,
            String path,
            PrometheusMeterRegistry registry,
            EndpointAuth auth,
            Runnable beforeScrape,
            ScrapeWriters writers)
            throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getRawPath().equals(path)) {
                send(exchange, 404, "text/plain; charset=utf-8", "Not Found\n");
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "Method Not Allowed\n");
                return;
            }
            String challenge = auth.check(exchange.getRequestHeaders().getFirst("Authorization"));
            if (challenge != null) {
                exchange.getResponseHeaders().set("WWW-Authenticate", challenge);
                send(exchange, 401, "text/plain; charset=utf-8", "Unauthorized\n");
                return;
            }
            ScrapeRequest scrape = ScrapeRequest.of(
                    exchange.getRequestHeaders().getFirst("Accept"),
                    exchange.getRequestHeaders().getFirst("Accept-Encoding"),
                    exchange.getRequestURI().getRawQuery());
            beforeScrape.run();
            exchange.getResponseHeaders().set("Content-Type", scrape.contentType());
            if (scrape.gzip()) {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            }
            exchange.getResponseHeaders().set("Vary", "Accept, Accept-Encoding");
            boolean head = method.equals("HEAD");
            // scrapes are serialised: the writers and their buffers are reused from one scrape to the next
            synchronized (writers) {
                ScrapeBody body = writers.write(registry, scrape);
                exchange.sendResponseHeaders(200, head ? -1 : body.size());
                if (!head) {
                    body.writeTo(exchange.getResponseBody());
                }
            }
        } catch (IOException | RuntimeException e) {
            // a broken scrape must not take the endpoint down
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** The port actually bound. */
    public int port() {
        return port;
    }

    /** Stops serving at once. */
    @Override
    public void close() {
        server.stop(0);
    }
}
