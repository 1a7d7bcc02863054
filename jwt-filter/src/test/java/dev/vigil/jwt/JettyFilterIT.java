package dev.vigil.jwt;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Jetty 12 (ee10), the filter installed through {@code ServletContext.addFilter} (FilterRegistration). */
class JettyFilterIT extends FilterOverHttpContract {
    private static Server server;

    @BeforeAll
    static void start() throws Exception {
        JwtFilterConfig config = JwtFilterConfig.fromProperties(settings());
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent sce) {
                FilterRegistration.Dynamic reg =
                        sce.getServletContext().addFilter("vigil-jwt", new JwtAuthFilter(config));
                reg.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
            }
        });
        context.addServlet(new ServletHolder(new DemoAppServlet()), "/*");
        server.setHandler(context);
        server.start();
        useServer(connector.getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }
}
