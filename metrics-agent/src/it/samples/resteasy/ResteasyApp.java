import jakarta.ws.rs.core.Application;
import java.nio.file.Files;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.jboss.resteasy.plugins.server.servlet.HttpServletDispatcher;

/** RESTEasy 7 (jakarta.ws.rs) on embedded Tomcat 11, its dispatcher servlet mapped to {@code /api/*}; see Resources. */
public final class ResteasyApp {
    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("resteasy").toString());
        tomcat.setPort(Integer.parseInt(args.length > 0 ? args[0] : "0"));
        Context ctx = tomcat.addContext("", null);
        Wrapper w = Tomcat.addServlet(ctx, "resteasy", new HttpServletDispatcher());
        w.addInitParameter("jakarta.ws.rs.Application", Api.class.getName());
        w.addInitParameter("resteasy.servlet.mapping.prefix", "/api");
        w.setAsyncSupported(true);
        ctx.addServletMappingDecoded("/api/*", "resteasy");
        tomcat.getConnector();
        tomcat.start();
        System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
        tomcat.getServer().await();
    }

    public static class Api extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Resources.classes();
        }
    }
}
