import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.servlet.AsyncContext;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/**
 * Asynchronous servlets on embedded Tomcat 9 (javax): one completed 300 ms later on another thread, one that
 * times out, one re-dispatched to another servlet, one re-dispatched to a servlet that throws.
 */
public final class AsyncApp {
    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("async").toString());
        tomcat.setPort(Integer.parseInt(args.length > 0 ? args[0] : "0"));
        Context ctx = tomcat.addContext("", null);
        add(ctx, "slow", new Slow(), "/async/slow");
        add(ctx, "timeout", new Timeout(), "/async/timeout");
        add(ctx, "dispatch", new Dispatch("/plain"), "/async/dispatch");
        add(ctx, "error", new Dispatch("/throw"), "/async/error");
        add(ctx, "plain", new Plain(), "/plain");
        add(ctx, "throw", new Throw(), "/throw");
        tomcat.getConnector();
        tomcat.start();
        System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
        tomcat.getServer().await();
    }

    private static void add(Context ctx, String name, HttpServlet servlet, String path) {
        Wrapper w = Tomcat.addServlet(ctx, name, servlet);
        w.setAsyncSupported(true);
        ctx.addServletMappingDecoded(path, name);
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
