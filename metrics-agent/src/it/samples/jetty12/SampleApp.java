import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Jetty 12 (ee10, jakarta) sample application for the agent's integration tests and benchmark. */
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

    static final class Boom extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            throw new IllegalStateException("boom");
        }
    }
}
