package dev.vigil.example.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link BootApp} — the README's {@code FilterRegistrationBean} — started as its own JVM with real
 * {@code VIGIL_JWT_*} environment variables, in front of a real IdP ({@code mock-oauth2-server}: discovery, JWKS,
 * RS256 tokens). One application serves every check; the same test runs on Spring Boot 3 and Spring Boot 4.
 */
class SpringBootFilterIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static MockOAuth2Server idp;
    private static Process app;
    private static Path log;
    private static String base;
    private static String issuer;
    private static String downIssuer;
    private static long startMillis;

    @BeforeAll
    static void start() throws Exception {
        idp = new MockOAuth2Server();
        idp.start();
        issuer = idp.issuerUrl("orders-idp").toString();
        downIssuer = idp.issuerUrl("down-idp").toString();
        int port = freePort();
        int deadPort = freePort(); // nothing listens there: the second issuer's IdP is down
        log = Files.createTempFile("boot-app", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                testClassPath(),
                BootApp.class.getName(),
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--idp.issuer=" + issuer,
                "--idp.down-issuer=" + downIssuer,
                "--idp.down-discovery=http://127.0.0.1:" + deadPort + "/down-idp"));
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("VIGIL_"));
        pb.environment().put("VIGIL_JWT_REALM", "from-env");
        pb.environment().put("VIGIL_JWT_JWKS_RETRY_AFTER", "3s");
        startMillis = System.currentTimeMillis();
        app = pb.start();
        base = "http://127.0.0.1:" + port;
        awaitUp();
        System.out.printf("Spring Boot app answered after %d ms%n", System.currentTimeMillis() - startMillis);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.destroy();
            if (!app.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        if (idp != null) {
            idp.shutdown();
        }
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }

    /** The test's own class path (failsafe runs from a manifest-only jar and names the real one here). */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitUp() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new AssertionError("the Spring Boot app exited with " + app.exitValue() + ":\n" + appLog());
            }
            try {
                get("/api/me");
                return;
            } catch (ConnectException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the Spring Boot app did not answer within " + START_TIMEOUT + ":\n" + appLog());
    }

    private static String appLog() throws IOException {
        return Files.readString(log);
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String issuerId, String subject, List<String> audience) {
        return idp.issueToken(
                        issuerId,
                        "client-1",
                        new DefaultOAuth2TokenCallback(
                                issuerId, subject, "JWT", audience, Map.of("scope", "orders:read"), 300))
                .serialize();
    }

    @Test
    void validIdpTokenReachesTheControllerAsPrincipal() throws Exception {
        HttpResponse<String> r =
                get("/api/me", "Authorization", "Bearer " + token("orders-idp", "alice", List.of("orders-api")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("alice|true|Bearer|" + System.getProperty("expected.boot.version"));
    }

    @Test
    void missingTokenGets401WithTheRealmFromTheEnvironment() throws Exception {
        HttpResponse<String> r = get("/api/me");
        assertThat(r.statusCode()).isEqualTo(401);
        // the map in BootApp says realm "orders"; VIGIL_JWT_REALM overrides it
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"from-env\"");
        assertThat(r.body()).contains("\"detail\":\"missing_token\"");
    }

    @Test
    void tamperedTokenGets401InvalidSignature() throws Exception {
        String t = token("orders-idp", "alice", List.of("orders-api"));
        String[] parts = t.split("\\.");
        String forgedClaims = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(
                                java.util.Base64.getUrlDecoder().decode(parts[1]),
                                java.nio.charset.StandardCharsets.UTF_8)
                        .replace("\"alice\"", "\"admin\"")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> r =
                get("/api/me", "Authorization", "Bearer " + parts[0] + "." + forgedClaims + "." + parts[2]);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValue(
                        "Bearer realm=\"from-env\", error=\"invalid_token\", error_description=\"invalid_signature\"");
    }

    @Test
    void tokenForAnotherAudienceGets401AudienceMismatch() throws Exception {
        HttpResponse<String> r =
                get("/api/me", "Authorization", "Bearer " + token("orders-idp", "alice", List.of("billing-api")));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error_description=\"audience_mismatch\"");
        assertThat(r.body()).contains("\"detail\":\"audience_mismatch\"");
    }

    @Test
    void issuerWhoseIdpIsDownGets503WithRetryAfterFromTheEnvironment() throws Exception {
        HttpResponse<String> r =
                get("/api/me", "Authorization", "Bearer " + token("down-idp", "alice", List.of("orders-api")));
        assertThat(r.statusCode()).isEqualTo(503);
        // the map in BootApp says retry-after 10s; VIGIL_JWT_JWKS_RETRY_AFTER overrides it
        assertThat(r.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(r.body()).contains("\"detail\":\"keys_unavailable\"");
    }

    @Test
    void startUpLogNamesTheEnvironmentOverridesWithoutValues() throws Exception {
        assertThat(appLog())
                .contains("read from: properties (7 keys) < environment (2 keys)")
                .contains("VIGIL_JWT_JWKS_RETRY_AFTER (environment) over vigil.jwt.jwks.retry-after (properties)")
                .contains("VIGIL_JWT_REALM (environment) over vigil.jwt.realm (properties)")
                .contains("vigil.jwt.realm=from-env");
    }
}
