import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Embedded Undertow 2.3 (jakarta servlet 6.0) sample application for the agent's integration tests. */
public final class SampleApp {
    public static void main(String[] args) throws Exception {
        DeploymentInfo info = Servlets.deployment()
                .setClassLoader(SampleApp.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("sample")
                .addServlet(Servlets.servlet("items", Items.class, new ImmediateInstanceFactory<>(new Items()))
                        .addMappings("/items/*", "/p/*", "/secure/*"))
                .addServlet(Servlets.servlet("health", Items.class, new ImmediateInstanceFactory<>(new Items()))
                        .addMapping("/healthz"))
                .addServlet(Servlets.servlet("boom", Boom.class, new ImmediateInstanceFactory<>(new Boom()))
                        .addMapping("/boom"))
                .addFilter(Servlets.filter("deny", Deny.class, new ImmediateInstanceFactory<>(new Deny())))
                .addFilterUrlMapping("deny", "/secure/*", DispatcherType.REQUEST);
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(info);
        manager.deploy();
        HttpHandler handler = manager.start();
        Undertow server = Undertow.builder()
                .addHttpListener(Integer.parseInt(args.length > 0 ? args[0] : "0"), "127.0.0.1")
                .setHandler(handler)
                .build();
        server.start();
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        System.out.println("LISTENING " + port);
    }

    public static final class Items extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write("ok " + req.getRequestURI() + "\n");
        }
    }

    /** Answers 401 itself, never calling the chain: the request never reaches a servlet. */
    public static final class Deny implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) {
            ((HttpServletResponse) resp).setStatus(401);
        }
    }

    public static final class Boom extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            throw new IllegalStateException("boom");
        }
    }
}
