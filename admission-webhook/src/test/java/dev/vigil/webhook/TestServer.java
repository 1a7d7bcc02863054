package dev.vigil.webhook;

import dev.vigil.webhook.admission.AdmissionReviewer;
import dev.vigil.webhook.admission.AdmissionSettings;
import dev.vigil.webhook.admission.NamespaceLabels;
import dev.vigil.webhook.http.ServerOptions;
import dev.vigil.webhook.http.WebhookServer;
import java.time.Duration;

/** A real webhook server on a free loopback port, started and waited for until ready. */
public final class TestServer implements AutoCloseable {
    public final WebhookServer server;
    public final ApiServerClient client;

    private TestServer(WebhookServer server, ApiServerClient client) {
        this.server = server;
        this.client = client;
    }

    public static TestServer start(TestPki pki, AdmissionSettings settings, NamespaceLabels labels) throws Exception {
        return start(pki, settings, labels, ServerOptions.defaults(pki.tlsCert(), pki.tlsKey()));
    }

    public static TestServer start(TestPki pki, AdmissionSettings settings, NamespaceLabels labels, ServerOptions base)
            throws Exception {
        return start(pki.caCert(), settings, labels, base);
    }

    /** A server with the certificate files of {@code base}, called by a client trusting {@code caBundle}. */
    public static TestServer start(
            java.nio.file.Path caBundle, AdmissionSettings settings, NamespaceLabels labels, ServerOptions base)
            throws Exception {
        // tests stop at once unless they set their own shutdown delay
        Duration delay = base.shutdownDelay().equals(Duration.ofSeconds(5)) ? Duration.ZERO : base.shutdownDelay();
        ServerOptions options = base.withHost("127.0.0.1").withPort(0).withShutdown(delay, base.drainTimeout());
        WebhookServer server = new WebhookServer(options, new AdmissionReviewer(settings, labels));
        server.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!server.ready()) {
            if (System.nanoTime() > deadline) {
                server.close();
                throw new AssertionError("server did not become ready");
            }
            Thread.sleep(20);
        }
        return new TestServer(server, new ApiServerClient(caBundle, server.port()));
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
