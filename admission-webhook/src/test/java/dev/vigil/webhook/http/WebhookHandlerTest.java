package dev.vigil.webhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.eclipse.jetty.util.thread.Invocable;
import org.junit.jupiter.api.Test;

/** How Jetty may run the handler (issue 15: TLS handshakes were serialized on the selector thread). */
class WebhookHandlerTest {
    @Test
    void handlerIsDeclaredBlockingSoTlsHandshakesDoNotRunOnTheSelectorThread() {
        // NON_BLOCKING lets Jetty run the connection's reads (TLS unwrap and handshake tasks) on its selector
        // thread; measured by benchmarks/webhook (HandshakeStall): requests on an open connection waited behind
        // every handshake of a reconnect burst
        WebhookHandler handler = new WebhookHandler(null, null, null, null, false, Duration.ofSeconds(1));
        assertThat(handler.getInvocationType()).isEqualTo(Invocable.InvocationType.BLOCKING);
    }
}
