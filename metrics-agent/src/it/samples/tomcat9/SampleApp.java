import java.io.IOException;
import java.nio.file.Files;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

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
        ctx.addServletMappingDecoded("/secure/*", "items");
        FilterDef deny = new FilterDef();
        deny.setFilterName("deny");
        deny.setFilter(new Deny());
        ctx.addFilterDef(deny);
        FilterMap denyMap = new FilterMap();
        denyMap.setFilterName("deny");
        denyMap.addURLPatternDecoded("/secure/*");
        ctx.addFilterMap(denyMap);
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

    /** Answers 401 itself, never calling the chain: the request never reaches a servlet. */
    static final class Deny implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) {
            ((HttpServletResponse) resp).setStatus(401);
        }
    }

    static final class Boom extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            throw new IllegalStateException("boom");
        }
    }
}
