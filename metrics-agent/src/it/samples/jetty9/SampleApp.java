import java.io.IOException;
import java.util.EnumSet;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * Embedded Jetty (javax) sample application for the agent's integration tests. The same source runs on Jetty 9.4
 * (Servlet 3.1: no {@code HttpServletRequest#getHttpServletMapping}) and Jetty 10 (Servlet 4.0); it only uses
 * Servlet 3.0 methods, and the filter implements {@code init}/{@code destroy}, which Servlet 3.1 has no defaults for.
 */
public final class SampleApp {
    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args.length > 0 ? args[0] : "0"));
        server.addConnector(connector);
        ServletContextHandler ctx = new ServletContextHandler();
        ctx.setContextPath("/");
        ctx.addServlet(new ServletHolder(new Items()), "/items/*");
        ctx.addServlet(new ServletHolder(new Items()), "/p/*");
        ctx.addServlet(new ServletHolder(new Items()), "/healthz");
        ctx.addServlet(new ServletHolder(new Boom()), "/boom");
        ctx.addServlet(new ServletHolder(new Items()), "/secure/*");
        ctx.addFilter(new FilterHolder(new Deny()), "/secure/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(ctx);
        server.start();
        System.out.println("LISTENING " + connector.getLocalPort());
        server.join();
    }

    static final class Items extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write("ok " + req.getRequestURI() + "\n");
        }
    }

    /** Answers 401 itself, never calling the chain: the request never reaches a servlet. */
    static final class Deny implements Filter {
        @Override
        public void init(FilterConfig config) {}

        @Override
        public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) {
            ((HttpServletResponse) resp).setStatus(401);
        }

        @Override
        public void destroy() {}
    }

    static final class Boom extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            throw new IllegalStateException("boom");
        }
    }
}
