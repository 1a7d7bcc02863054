import dev.vigil.metrics.MetricsConfig;
import dev.vigil.metrics.VigilMetrics;
import java.util.Map;

/**
 * An application that uses the vigil-metrics library in code (its own registry and endpoint, the unrelocated Micrometer
 * next to it on the class path) and is also started with the agent, then runs the Jetty 12 sample. It proves that the
 * agent's relocated copy of the library and the application's copy do not meet: each records and serves its own
 * meters.
 */
public final class LibraryApp {
    public static void main(String[] args) throws Exception {
        VigilMetrics metrics = VigilMetrics.create(MetricsConfig.parse("port=0,jvm=false", Map.of(), Map.of()));
        int port = metrics.startEndpoint().port();
        metrics.registry().counter("orders.placed").increment(3);
        metrics.httpServer().record("GET", "/orders/{id}", 200, null, 1_000_000L);
        metrics.httpServer().record("GET", "/orders/{id}", 404, null, 2_000_000L);
        Class<?> agentCopy = Class.forName("dev.vigil.metrics.shaded.dev.vigil.metrics.VigilMetrics");
        System.out.println("library endpoint " + port);
        System.out.println("app copy from "
                + VigilMetrics.class.getProtectionDomain().getCodeSource().getLocation());
        System.out.println("agent copy from "
                + agentCopy.getProtectionDomain().getCodeSource().getLocation());
        SampleApp.main(args);
    }
}
