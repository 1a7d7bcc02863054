import java.io.IOException;
import java.nio.file.Files;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/** Embedded Tomcat 9 (javax) sample application for the agent's integration tests. */
public final class SampleApp {
    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat9").toString());
        tomcat.setPort(Integer.parseInt(args.length > 0 ? args[0] : "0"));
        Context ctx = tomcat.addContext("", null);
        Tomcat.addServlet(ctx, "items", new Items());
        ctx.addServletMappingDecoded("/items/*", "items");
        ctx.addServletMappingDecoded("/p/*", "items");
        Tomcat.addServlet(ctx, "health", new Items());
        ctx.addServletMappingDecoded("/healthz", "health");
        Tomcat.addServlet(ctx, "boom", new Boom());
        ctx.addServletMappingDecoded("/boom", "boom");
        tomcat.getConnector();
        tomcat.start();
        System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
        tomcat.getServer().await();
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
