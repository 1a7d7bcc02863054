package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoServiceIT {
    private static Server server;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = DemoService.start(0, Map.of("vigil.jwt.audience", "demo-api", "demo.user.alice", "wonderland"));
        base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> login(String password) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + "/auth/login"))
                        .header("Origin", base)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"alice\",\"password\":\"" + password + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void loginThenMeShowsTheSubjectAndScopes() throws Exception {
        HttpResponse<String> login = login("wonderland");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("\"token_type\":\"Bearer\"", "\"expires_in\":900");
        String token = login.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> me = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/me"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"sub\":\"alice\"", "\"scopes\":[\"orders:read\",\"profile\"]");
    }

    @Test
    void wrongPasswordGets401AndHealthzIsOpen() throws Exception {
        assertThat(login("nope").statusCode()).isEqualTo(401);
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create(base + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void usageErrorsHaveTheirExitCode() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(DemoService.run(new String[] {"--port"}, System.out, new PrintStream(err)))
                .isEqualTo(DemoService.USAGE);
        assertThat(err.toString()).startsWith("usage: java -jar demo-service.jar --port PORT --config FILE");
    }
}
