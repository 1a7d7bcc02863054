import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Asynchronous servlets on embedded Jetty 12 (ee10, jakarta): one completed 300 ms later on another thread, one that
 * times out, one re-dispatched to another servlet, one re-dispatched to a servlet that throws.
 */
public final class AsyncApp {
    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args.length > 0 ? args[0] : "0"));
        server.addConnector(connector);
        ServletContextHandler ctx = new ServletContextHandler();
        ctx.setContextPath("/");
        add(ctx, new Slow(), "/async/slow");
        add(ctx, new Timeout(), "/async/timeout");
        add(ctx, new Dispatch("/plain"), "/async/dispatch");
        add(ctx, new Dispatch("/throw"), "/async/error");
        add(ctx, new Plain(), "/plain");
        add(ctx, new Throw(), "/throw");
        server.setHandler(ctx);
        server.start();
        System.out.println("LISTENING " + connector.getLocalPort());
        server.join();
    }

    private static void add(ServletContextHandler ctx, HttpServlet servlet, String path) {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        ctx.addServlet(holder, path);
    }

    static final class Slow extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            AsyncContext async = req.startAsync();
            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> {
                try {
                    resp.setStatus(202);
                    resp.getWriter().write("slow\n");
                } catch (IOException e) {
                    throw new RuntimeException(e);
                } finally {
                    async.complete();
                }
            });
        }
    }

    static final class Timeout extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            req.startAsync().setTimeout(200);
        }
    }

    static final class Dispatch extends HttpServlet {
        private final String target;

        Dispatch(String target) {
            this.target = target;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            AsyncContext async = req.startAsync();
            CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(() -> async.dispatch(target));
        }
    }

    static final class Plain extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.getWriter().write("plain\n");
        }
    }

    static final class Throw extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            throw new IllegalStateException("async boom");
        }
    }
}
