package dev.vigil.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, defect 7, through a real container: the filter created from init-params in Jetty 12 reads its
 * properties file, then the environment, then its init-params, key by key. The answers show which source won:
 * {@code realm} in the challenge, {@code jwks.retry-after} in the 503 of an issuer whose keys are unreachable.
 */
class FilterInitPrecedenceIT {
    @Test
    void fileThenEnvironmentThenInitParams(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jwt.properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "vigil.jwt.audience=orders-api",
                        "vigil.jwt.trust.1.issuer=" + FilterOverHttpContract.DOWN_ISSUER,
                        "vigil.jwt.trust.1.jwks-uri=http://127.0.0.1:1/jwks",
                        "vigil.jwt.jwks.timeout=200ms",
                        "vigil.jwt.realm=from-file",
                        "vigil.jwt.jwks.retry-after=1s",
                        ""));
        Map<String, String> environment = Map.of("VIGIL_JWT_REALM", "from-env", "VIGIL_JWT_JWKS_RETRY_AFTER", "2s");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        FilterHolder holder = new FilterHolder(new JwtAuthFilter(() -> environment));
        holder.setInitParameter("vigil.jwt.config-file", file.toString());
        holder.setInitParameter("vigil.jwt.realm", "from-init-param");
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new DemoAppServlet()), "/*");
        server.setHandler(context);
        server.start();
        try {
            HttpCalls http = new HttpCalls("http://127.0.0.1:" + connector.getLocalPort());
            HttpResponse<String> none = http.get("/api/me");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"from-init-param\"");
            HttpResponse<String> down = http.get(
                    "/api/me",
                    "Authorization",
                    "Bearer " + FilterOverHttpContract.token("iss", FilterOverHttpContract.DOWN_ISSUER));
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).hasValue("2");
        } finally {
            server.stop();
        }
    }
}
