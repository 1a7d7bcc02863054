import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/** Jersey 4 (jakarta.ws.rs) on embedded Tomcat 11, the Jersey servlet mapped to {@code /api/*}; see Resources. */
public final class JerseyApp {
    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("jersey").toString());
        tomcat.setPort(Integer.parseInt(args.length > 0 ? args[0] : "0"));
        Context ctx = tomcat.addContext("", null);
        ResourceConfig config = new ResourceConfig(Resources.classes());
        Tomcat.addServlet(ctx, "jersey", new ServletContainer(config)).setAsyncSupported(true);
        ctx.addServletMappingDecoded("/api/*", "jersey");
        tomcat.getConnector();
        tomcat.start();
        System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
        tomcat.getServer().await();
    }
}
