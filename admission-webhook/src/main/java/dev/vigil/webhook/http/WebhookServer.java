package dev.vigil.webhook.http;

import dev.vigil.webhook.admission.AdmissionReviewer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS server: Jetty 12 with TLS 1.3 (1.2 with AEAD suites opt-in), HTTP/1.1 keep-alive (HTTP/2 opt-in),
 * PEM certificate hot reload, optional client CA, a bounded worker stage, readiness after engine load and a TLS
 * self-probe, and a draining shutdown.
 */
public final class WebhookServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
    static final List<String> TLS12_AEAD_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    static final List<String> TLS13_SUITES =
            List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    /** Listen backlog: connections the kernel completes while the acceptor is busy (capped by somaxconn). */
    static final int ACCEPT_QUEUE = 1024;

    private final ServerOptions options;
    private final AdmissionReviewer reviewer;
    private final WebhookMetrics metrics = new WebhookMetrics();
    private final Readiness readiness;
    private final WorkerPool workers;
    private final ScheduledExecutorService background;
    private Server server;
    private ServerConnector connector;
    private CertificateReloader reloader;

    public WebhookServer(ServerOptions options, AdmissionReviewer reviewer) {
        this.options = options;
        this.reviewer = reviewer;
        this.readiness = new Readiness(() -> reviewer.namespaces().synced());
        this.workers = new WorkerPool(Math.max(1, options.workers()), Math.max(1, options.queue()));
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-webhook-background");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Loads the certificate, starts listening, warms the engine up and starts the self-probe.
     *
     * @throws TlsMaterial.TlsMaterialException when the certificate or key cannot be used
     * @throws Exception when Jetty cannot start (e.g. the port is taken)
     */
    public void start() throws Exception {
        TlsMaterial material = TlsMaterial.load(options.tlsCert(), options.tlsKey());
        SslContextFactory.Server ssl = sslContextFactory(material);
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("vigil-jetty");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        http.addCustomizer(new SecureRequestCustomizer(false));
        HttpConnectionFactory h1 = new HttpConnectionFactory(http);
        if (options.http2()) {
            HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
            alpn.setDefaultProtocol(h1.getProtocol());
            connector = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, h2, h1);
        } else {
            connector = new ServerConnector(server, new SslConnectionFactory(ssl, h1.getProtocol()), h1);
        }
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setIdleTimeout(120_000);
        // Jetty's default (0) lets the JDK pick a listen backlog of 50: when the acceptor falls behind (a GC pause,
        // a CPU-starved pod, the API server reconnecting many connections after timeouts) the kernel drops SYNs
        // beyond it and each retry waits >= 1 s, most of a 3 s ?timeout=, so overload turned into connection
        // timeouts instead of 429 answers (issue 15, AcceptBacklogIT). The kernel caps it at net.core.somaxconn.
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        server.addConnector(connector);
        WebhookHandler handler = new WebhookHandler(
                reviewer, workers, metrics, readiness, options.clientCa() != null, options.maxQueueWait());
        server.setHandler(new GracefulHandler(handler));
        server.setStopTimeout(options.drainTimeout().toMillis());
        server.setStopAtShutdown(false);

        reloader = new CertificateReloader(
                options.tlsCert(), options.tlsKey(), options.clientCa(), ssl, material, metrics);
        metrics.certificateExpiry(() -> reloader.current().secondsToExpiry(Instant.now()));
        server.start();
        long interval = Math.max(1, options.reloadInterval().toMillis());
        background.scheduleWithFixedDelay(reloader::check, interval, interval, TimeUnit.MILLISECONDS);

        reviewer.warmUp();
        handler.warmUp();
        readiness.engineLoaded();
        background.execute(this::probe);
        LOG.info(
                "vigil webhook listening on https://{}:{} ({}, {}), {}; {}",
                options.host(),
                port(),
                options.tls12() ? "TLS 1.2+1.3" : "TLS 1.3",
                options.http2() ? "HTTP/2+HTTP/1.1" : "HTTP/1.1",
                reviewer.namespaces(),
                reviewer.settings());
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** True when {@code /readyz} answers 200. */
    public boolean ready() {
        return readiness.notReadyReason() == null;
    }

    /**
     * Graceful stop: readiness fails at once, after the shutdown delay the server stops accepting, then in-flight
     * requests drain (up to the drain timeout).
     */
    @Override
    public void close() throws Exception {
        readiness.draining();
        long delay = options.shutdownDelay().toMillis();
        if (delay > 0) {
            Thread.sleep(delay);
        }
        if (server != null) {
            server.stop();
        }
        workers.shutdown(options.drainTimeout().toMillis());
        background.shutdownNow();
    }

    private void probe() {
        if (readiness.isDraining()) {
            return;
        }
        String host = options.host().equals("0.0.0.0") || options.host().equals("::") ? "127.0.0.1" : options.host();
        try {
            SelfProbe.check(host, port(), reloader.current().leaf());
            readiness.tlsProbed();
            LOG.info("TLS self-probe succeeded");
        } catch (Exception e) {
            LOG.warn("TLS self-probe failed, retrying in 1 s: {}", e.toString());
            background.schedule(this::probe, 1, TimeUnit.SECONDS);
        }
    }

    private SslContextFactory.Server sslContextFactory(TlsMaterial material) throws Exception {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(material.keyStore());
        ssl.setKeyStorePassword(new String(TlsMaterial.STORE_PASSWORD));
        ssl.setKeyManagerPassword(new String(TlsMaterial.STORE_PASSWORD));
        if (options.tls12()) {
            ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
            List<String> suites = new java.util.ArrayList<>(TLS13_SUITES);
            suites.addAll(TLS12_AEAD_SUITES);
            ssl.setIncludeCipherSuites(suites.toArray(new String[0]));
        } else {
            ssl.setIncludeProtocols("TLSv1.3");
        }
        if (options.clientCa() != null) {
            ssl.setTrustStore(TlsMaterial.trustStore(TlsMaterial.certificates(options.clientCa())));
            ssl.setWantClientAuth(true);
        }
        ssl.setRenegotiationAllowed(false);
        return ssl;
    }
}
