import java.io.IOException;
import java.nio.file.Files;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.deploy.FilterDef;
import org.apache.catalina.deploy.FilterMap;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat 7 (javax servlet 3.0, the oldest servlet API the agent supports) sample application for the agent's
 * integration tests. Tomcat 7's embedding API differs from 9's (no {@code ...Decoded} methods, descriptor classes in
 * {@code org.apache.catalina.deploy}), and Servlet 3.0's {@code Filter} has no default methods.
 */
public final class SampleApp {
    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        String base = Files.createTempDirectory("tomcat7").toString();
        tomcat.setBaseDir(base);
        tomcat.setPort(Integer.parseInt(args.length > 0 ? args[0] : "0"));
        Context ctx = tomcat.addContext("", base);
        Tomcat.addServlet(ctx, "items", new Items());
        ctx.addServletMapping("/items/*", "items");
        ctx.addServletMapping("/p/*", "items");
        Tomcat.addServlet(ctx, "health", new Items());
        ctx.addServletMapping("/healthz", "health");
        ctx.addServletMapping("/secure/*", "items");
        FilterDef deny = new FilterDef();
        deny.setFilterName("deny");
        deny.setFilter(new Deny());
        ctx.addFilterDef(deny);
        FilterMap denyMap = new FilterMap();
        denyMap.setFilterName("deny");
        denyMap.addURLPattern("/secure/*");
        ctx.addFilterMap(denyMap);
        Tomcat.addServlet(ctx, "boom", new Boom());
        ctx.addServletMapping("/boom", "boom");
        tomcat.getConnector().setAttribute("address", "127.0.0.1");
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
