import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.EnumSet;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
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
        ctx.addServlet(new ServletHolder(new Items()), "/secure/*");
        ctx.addFilter(new FilterHolder(new Deny()), "/secure/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(ctx);
        registerGauges(Integer.getInteger("sample.mbeans", 0));
        server.start();
        System.out.println("LISTENING " + connector.getLocalPort());
        server.join();
    }

    /** Optional MBeans (-Dsample.mbeans=N) so that JMX-based exporters have N series to scrape in the benchmark. */
    private static void registerGauges(int count) throws Exception {
        MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
        for (int i = 0; i < count; i++) {
            int value = i;
            mbs.registerMBean(
                    new StandardMBean(
                            new GaugeMBean() {
                                @Override
                                public int getValue() {
                                    return value;
                                }
                            },
                            GaugeMBean.class),
                    new ObjectName("sample:type=Gauge,name=g" + i));
        }
    }

    /** One numeric attribute. */
    public interface GaugeMBean {
        int getValue();
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
