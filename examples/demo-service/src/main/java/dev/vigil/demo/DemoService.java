package dev.vigil.demo;

import dev.vigil.jwt.InvalidConfigException;
import dev.vigil.jwt.JwtAuthFilter;
import dev.vigil.jwt.JwtFilterConfig;
import dev.vigil.jwt.RefreshTokenService;
import jakarta.servlet.DispatcherType;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * {@code java -jar demo-service.jar --port P --config FILE}: embedded Jetty 12 behind {@link JwtAuthFilter}, with
 * first-party sessions. FILE holds {@code vigil.jwt.*} keys and users as {@code demo.user.NAME=PASSWORD}.
 */
public final class DemoService {
    /** Exit codes. */
    static final int OK = 0;

    static final int USAGE = 2;
    static final int BAD_CONFIG = 3;

    private DemoService() {}

    public static void main(String[] args) throws Exception {
        int code = run(args, System.out, System.err);
        if (code != OK) {
            System.exit(code);
        }
    }

    /** Starts the service and blocks until it stops; returns an exit code when it cannot start. */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Integer port = null;
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = Integer.valueOf(args[++i]);
            } else if (args[i].equals("--config") && i + 1 < args.length) {
                config = Path.of(args[++i]);
            } else {
                port = null;
                break;
            }
        }
        if (port == null || config == null || !Files.isReadable(config)) {
            err.println("usage: java -jar demo-service.jar --port PORT --config FILE   (PORT 0 = any free port)");
            return USAGE;
        }
        Server server;
        try {
            server = start(port, JwtFilterConfig.readProperties(config));
        } catch (InvalidConfigException e) {
            err.println(e.getMessage());
            return BAD_CONFIG;
        }
        int actual = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        out.println("demo-service listening on http://127.0.0.1:" + actual);
        out.flush();
        server.join();
        return OK;
    }

    /** Builds and starts the server on 127.0.0.1; the caller stops it. */
    static Server start(int port, Map<String, String> properties) throws Exception {
        Map<String, String> props = new HashMap<>(properties);
        props.putAll(JwtFilterConfig.vigilEnvironment());
        props.putIfAbsent("vigil.jwt.session.enabled", "true");
        // the public endpoints, after any rules of the file
        props.put("vigil.jwt.path.9998.pattern", "/healthz");
        props.put("vigil.jwt.path.9998.access", "permit");
        props.put("vigil.jwt.path.9999.pattern", "/auth/login");
        props.put("vigil.jwt.path.9999.access", "permit");
        JwtFilterConfig config = JwtFilterConfig.fromProperties(props);
        Users users = Users.fromProperties(properties);
        RefreshTokenService sessions = RefreshTokenService.create(config);

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(
                new FilterHolder(new JwtAuthFilter(config, sessions)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new LoginServlet(users, sessions)), "/auth/login");
        context.addServlet(new ServletHolder(new ApiServlet()), "/*");
        server.setHandler(context);
        server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
            @Override
            public void lifeCycleStopped(org.eclipse.jetty.util.component.LifeCycle event) {
                sessions.close();
            }
        });
        server.setStopAtShutdown(true);
        server.start();
        return server;
    }
}
