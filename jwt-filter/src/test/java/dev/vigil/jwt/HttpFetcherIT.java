package dev.vigil.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vigil.jwt.internal.HttpFetcher;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link HttpFetcher} against a real HTTP server: one deadline covers connect, headers and body. */
class HttpFetcherIT {
    /** For answers that must not come: short. */
    private final HttpFetcher quick = new HttpFetcher(Duration.ofMillis(500));
    /** For answers that must come, also on a loaded machine. */
    private final HttpFetcher patient = new HttpFetcher(Duration.ofSeconds(5));

    @Test
    void aBodyThatStallsMidWayIsAbandonedAtTheDeadline() throws Exception {
        try (JwksServer idp = new JwksServer(TestKeys.publicSet(TestKeys.RSA).toString())) {
            idp.mode(JwksServer.Mode.STALL_MID_BODY);
            // the guard only stops a hang (today's bug: the body read had no deadline at all)
            assertTimeoutPreemptively(
                    Duration.ofSeconds(10),
                    () -> assertThatThrownBy(() -> quick.get(idp.uri()))
                            .isInstanceOf(HttpTimeoutException.class)
                            .hasMessage("GET " + idp.uri()
                                    + " did not complete within PT0.5S (connect, headers and body)"));
            idp.mode(JwksServer.Mode.OK);
            assertThat(patient.get(idp.uri()).body()).contains("\"kid\":\"rsa-1\"");
        }
    }

    @Test
    void fetchesOfOneLoadShareTheirDeadline() throws Exception {
        try (JwksServer idp = new JwksServer(TestKeys.publicSet(TestKeys.RSA).toString())) {
            HttpFetcher fetcher = new HttpFetcher(Duration.ofSeconds(3));
            long deadline = fetcher.deadline();
            idp.delay(1600);
            assertThat(fetcher.get(idp.uri(), deadline).body()).contains("rsa-1");
            // the second GET of the same load has at most 1.4 s left of the 3 s, and the server needs 1.6 s
            assertThatThrownBy(() -> fetcher.get(idp.uri(), deadline)).isInstanceOf(HttpTimeoutException.class);
        }
    }

    @Test
    void statusAndSizeAreCheckedAndEveryFailureNamesItsCause() throws Exception {
        try (JwksServer idp = new JwksServer("{\"keys\":[],\"pad\":\"" + "x".repeat(600 * 1024) + "\"}")) {
            assertThatThrownBy(() -> patient.get(idp.uri()))
                    .hasMessage("GET " + idp.uri() + " answered more than 524288 bytes");
            idp.mode(JwksServer.Mode.FAIL);
            assertThatThrownBy(() -> patient.get(idp.uri())).hasMessage("GET " + idp.uri() + " answered HTTP 503");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        URI nobody = URI.create("http://127.0.0.1:" + port + "/jwks");
        assertThatThrownBy(() -> patient.get(nobody))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("GET " + nobody + " failed: ConnectException")
                .hasMessageNotContaining("null");
    }
}
