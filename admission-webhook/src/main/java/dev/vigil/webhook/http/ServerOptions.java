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
        return builder(tlsCert, tlsKey).build();
    }

    /** A builder holding the defaults for everything but the files. */
    public static Builder builder(Path tlsCert, Path tlsKey) {
        return new Builder(tlsCert, tlsKey);
    }

    /** A builder holding these options, to change some of them by name. */
    public Builder toBuilder() {
        Builder b = new Builder(tlsCert, tlsKey);
        b.host = host;
        b.port = port;
        b.clientCa = clientCa;
        b.tls12 = tls12;
        b.http2 = http2;
        b.reloadInterval = reloadInterval;
        b.workers = workers;
        b.queue = queue;
        b.maxQueueWait = maxQueueWait;
        b.shutdownDelay = shutdownDelay;
        b.drainTimeout = drainTimeout;
        return b;
    }

    public ServerOptions withPort(int p) {
        return toBuilder().port(p).build();
    }

    public ServerOptions withHost(String h) {
        return toBuilder().host(h).build();
    }

    public ServerOptions withClientCa(Path ca) {
        return toBuilder().clientCa(ca).build();
    }

    public ServerOptions withProtocols(boolean allowTls12, boolean enableHttp2) {
        return toBuilder().tls12(allowTls12).http2(enableHttp2).build();
    }

    public ServerOptions withReloadInterval(Duration d) {
        return toBuilder().reloadInterval(d).build();
    }

    public ServerOptions withWorkers(int w, int q, Duration wait) {
        return toBuilder().workers(w).queue(q).maxQueueWait(wait).build();
    }

    public ServerOptions withShutdown(Duration delay, Duration drain) {
        return toBuilder().shutdownDelay(delay).drainTimeout(drain).build();
    }

    /** Named settings with the defaults of {@link #defaults}; each setter returns this builder. */
    public static final class Builder {
        private final Path tlsCert;
        private final Path tlsKey;
        private String host = "0.0.0.0";
        private int port = 8443;
        private Path clientCa;
        private boolean tls12;
        private boolean http2;
        private Duration reloadInterval = Duration.ofSeconds(10);
        private int workers = Runtime.getRuntime().availableProcessors();
        private int queue = 256;
        private Duration maxQueueWait = Duration.ofSeconds(1);
        private Duration shutdownDelay = Duration.ofSeconds(5);
        private Duration drainTimeout = Duration.ofSeconds(20);

        private Builder(Path tlsCert, Path tlsKey) {
            this.tlsCert = tlsCert;
            this.tlsKey = tlsKey;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder clientCa(Path clientCa) {
            this.clientCa = clientCa;
            return this;
        }

        public Builder tls12(boolean tls12) {
            this.tls12 = tls12;
            return this;
        }

        public Builder http2(boolean http2) {
            this.http2 = http2;
            return this;
        }

        public Builder reloadInterval(Duration reloadInterval) {
            this.reloadInterval = reloadInterval;
            return this;
        }

        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        public Builder queue(int queue) {
            this.queue = queue;
            return this;
        }

        public Builder maxQueueWait(Duration maxQueueWait) {
            this.maxQueueWait = maxQueueWait;
            return this;
        }

        public Builder shutdownDelay(Duration shutdownDelay) {
            this.shutdownDelay = shutdownDelay;
            return this;
        }

        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
            return this;
        }

        public ServerOptions build() {
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
                    shutdownDelay,
                    drainTimeout);
        }
    }
}
