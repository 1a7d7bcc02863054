package dev.vigil.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Calls the webhook the way the API server does: HTTPS verifying the server against the caBundle (and the host
 * name), {@code Content-Type: application/json}, {@code ?timeout=} appended, keep-alive connections.
 */
public final class ApiServerClient {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final int port;
    private final String timeout;

    public ApiServerClient(Path caBundle, int port) throws Exception {
        this(sslContext(caBundle, null), port, "3s");
    }

    public ApiServerClient(SSLContext ssl, int port, String timeout) {
        this.http = HttpClient.newBuilder()
                .sslContext(ssl)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.port = port;
        this.timeout = timeout;
    }

    /** Trusts exactly the CA bundle; presents {@code clientKeys} (alias, key, chain) when not null. */
    public static SSLContext sslContext(Path caBundle, KeyStore clientKeys) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caBundle)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientKeys != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(clientKeys, "vigil".toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path + "?timeout=" + timeout))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs an AdmissionReview and returns its {@code response}; fails unless the answer is HTTP 200. */
    public JsonNode review(String path, JsonNode review) throws Exception {
        HttpResponse<String> r = post(path, "application/json", JSON.writeValueAsBytes(review));
        if (r.statusCode() != 200) {
            throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
        }
        JsonNode answer = JSON.readTree(r.body());
        if (!"AdmissionReview".equals(answer.path("kind").asText())
                || !"admission.k8s.io/v1".equals(answer.path("apiVersion").asText())) {
            throw new AssertionError("not an AdmissionReview v1: " + r.body());
        }
        return answer.path("response");
    }

    private URI uri(String pathAndQuery) {
        return URI.create("https://localhost:" + port + pathAndQuery);
    }
}
