package dev.vigil.webhook.http;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Transport settings of {@code vigil webhook serve}.
 *
 * @param host address to bind, e.g. {@code 0.0.0.0}
 * @param port HTTPS port, 0 for any free port
 * @param tlsCert PEM certificate chain, hot-reloaded
 * @param tlsKey PEM private key, hot-reloaded
 * @param clientCa PEM CA bundle; when set, {@code /validate} and {@code /mutate} require a client certificate
 *     it signed (probes and metrics do not), null for none
 * @param tls12 also accept TLS 1.2 (AEAD suites only); TLS 1.3 only when false
 * @param http2 offer HTTP/2 through ALPN besides HTTP/1.1
 * @param reloadInterval how often the certificate files are checked for changes
 * @param workers threads deciding requests
 * @param queue requests waiting for a worker before new ones are shed
 * @param maxQueueWait longest a request may wait for a worker (capped at half the request's timeout)
 * @param shutdownDelay after SIGTERM, how long readiness reports failure before the server stops accepting
 * @param drainTimeout how long in-flight requests may take to finish on shutdown
 */
public record ServerOptions(
        String host,
        int port,
        Path tlsCert,
        Path tlsKey,
        Path clientCa,
        boolean tls12,
        boolean http2,
        Duration reloadInterval,
        int workers,
        int queue,
        Duration maxQueueWait,
        Duration shutdownDelay,
        Duration drainTimeout) {

    /** Defaults for everything but the files. */
    public static ServerOptions defaults(Path tlsCert, Path tlsKey) {
        return new ServerOptions(
                "0.0.0.0",
                8443,
                tlsCert,
                tlsKey,
                null,
                false,
                false,
                Duration.ofSeconds(10),
                Runtime.getRuntime().availableProcessors(),
                256,
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                Duration.ofSeconds(20));
    }

    public ServerOptions withPort(int p) {
        return new ServerOptions(
                host,
                p,
                tlsCert,
                tlsKey,
                clientCa,
                tls12,
                http2,
                reloadInterval,
                workers,
                queue,
                maxQueueWait,
                shutdownDelay,
                drainTimeout);
    }

    public ServerOptions withHost(String h) {
        return new ServerOptions(
                h,
                port,
                tlsCert,
                tlsKey,
                clientCa,
                tls12,
                http2,
                reloadInterval,
                workers,
                queue,
                maxQueueWait,
                shutdownDelay,
                drainTimeout);
    }

    public ServerOptions withClientCa(Path ca) {
        return new ServerOptions(
                host,
                port,
                tlsCert,
                tlsKey,
                ca,
                tls12,
                http2,
                reloadInterval,
                workers,
                queue,
                maxQueueWait,
                shutdownDelay,
                drainTimeout);
    }

    public ServerOptions withProtocols(boolean allowTls12, boolean enableHttp2) {
        return new ServerOptions(
                host,
                port,
                tlsCert,
                tlsKey,
                clientCa,
                allowTls12,
                enableHttp2,
                reloadInterval,
                workers,
                queue,
                maxQueueWait,
                shutdownDelay,
                drainTimeout);
    }

    public ServerOptions withReloadInterval(Duration d) {
        return new ServerOptions(
                host,
                port,
                tlsCert,
                tlsKey,
                clientCa,
                tls12,
                http2,
                d,
                workers,
                queue,
                maxQueueWait,
                shutdownDelay,
                drainTimeout);
    }

    public ServerOptions withWorkers(int w, int q, Duration wait) {
        return new ServerOptions(
                host,
                port,
                tlsCert,
                tlsKey,
                clientCa,
                tls12,
                http2,
                reloadInterval,
                w,
                q,
                wait,
                shutdownDelay,
                drainTimeout);
    }

    public ServerOptions withShutdown(Duration delay, Duration drain) {
        return new ServerOptions(
                host,
                port,
                tlsCert,
                tlsKey,
                clientCa,
                tls12,
                http2,
                reloadInterval,
                workers,
                queue,
                maxQueueWait,
                delay,
                drain);
    }
}
