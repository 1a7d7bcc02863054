package dev.vigil.jwt;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The filter in front of {@link DemoAppServlet} on embedded Jetty 12, on a free loopback port. */
final class JettyApp implements AutoCloseable {
    private final Server server = new Server();
    final HttpCalls http;

    JettyApp(JwtAuthFilter filter) throws Exception {
        this(filter, false);
    }

    /** {@code forwarded}: trusts {@code Forwarded} headers, as an instance behind a load balancer does. */
    JettyApp(JwtAuthFilter filter, boolean forwarded) throws Exception {
        HttpConfiguration httpConfig = new HttpConfiguration();
        if (forwarded) {
            httpConfig.addCustomizer(new ForwardedRequestCustomizer());
        }
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new DemoAppServlet()), "/*");
        server.setHandler(context);
        server.start();
        http = new HttpCalls("http://127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
