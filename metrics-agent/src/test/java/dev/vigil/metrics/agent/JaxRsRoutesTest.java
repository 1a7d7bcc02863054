package dev.vigil.metrics.agent;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Route templates read from real {@code jakarta.ws.rs} annotations by reflection, as the woven code reports them. */
class JaxRsRoutesTest {
    @AfterEach
    void clear() {
        JaxRsRoutes.clear();
    }

    @Path("/orders/")
    public static class Orders {
        @GET
        @Path("{id: [0-9]+}")
        public String get(@PathParam("id") long id) {
            return "order";
        }

        @POST
        public String create(String body) {
            return body;
        }

        @Path("{id}/lines")
        public Lines lines(@PathParam("id") long id) {
            return new Lines();
        }

        public String helper() {
            return "not a resource method";
        }
    }

    @Path("ignored-when-reached-by-a-locator")
    public static class Lines {
        @GET
        @Path("{line}")
        public String line(@PathParam("line") int line) {
            return "line";
        }
    }

    @Path("customers")
    public interface Customers {
        @GET
        @Path("{name}")
        String get(@PathParam("name") String name);
    }

    public static class CustomersImpl implements Customers {
        @Override
        public String get(String name) {
            return name;
        }
    }

    /** A subclass (as a CDI proxy would be) inheriting both the class path and the method. */
    public static class OrdersProxy extends Orders {}

    @Test
    void buildsTheTemplateFromClassAndMethodPaths() {
        JaxRsRoutes.invoked(new Orders(), "get(J)Ljava/lang/String;");
        assertThat(JaxRsRoutes.take()).isEqualTo("/orders/{id}");
        assertThat(JaxRsRoutes.take()).as("taken once").isNull();
    }

    @Test
    void methodWithoutPathUsesTheClassPath() {
        JaxRsRoutes.invoked(new Orders(), "create(Ljava/lang/String;)Ljava/lang/String;");
        assertThat(JaxRsRoutes.take()).isEqualTo("/orders");
    }

    @Test
    void concatenatesSubResourceLocatorsAndIgnoresTheSubResourceClassPath() {
        JaxRsRoutes.invoked(new Orders(), "lines(J)Ldev/vigil/metrics/agent/JaxRsRoutesTest$Lines;");
        assertThat(JaxRsRoutes.take()).as("a locator alone is no route").isNull();
        JaxRsRoutes.invoked(new Orders(), "lines(J)Ldev/vigil/metrics/agent/JaxRsRoutesTest$Lines;");
        JaxRsRoutes.invoked(new Lines(), "line(I)Ljava/lang/String;");
        assertThat(JaxRsRoutes.take()).isEqualTo("/orders/{id}/lines/{line}");
    }

    @Test
    void readsAnnotationsInheritedFromAnInterface() {
        JaxRsRoutes.invoked(new CustomersImpl(), "get(Ljava/lang/String;)Ljava/lang/String;");
        assertThat(JaxRsRoutes.take()).isEqualTo("/customers/{name}");
    }

    @Test
    void readsAnnotationsOfASuperclass() {
        JaxRsRoutes.invoked(new OrdersProxy(), "get(J)Ljava/lang/String;");
        assertThat(JaxRsRoutes.take()).isEqualTo("/orders/{id}");
    }

    @Test
    void theFirstResourceMethodWinsWhenItCallsAnother() {
        JaxRsRoutes.invoked(new Orders(), "create(Ljava/lang/String;)Ljava/lang/String;");
        JaxRsRoutes.invoked(new Orders(), "get(J)Ljava/lang/String;");
        assertThat(JaxRsRoutes.take()).isEqualTo("/orders");
    }

    @Test
    void aStartingRequestForgetsWhatWasLeftOnTheThread() {
        JaxRsRoutes.invoked(new Orders(), "get(J)Ljava/lang/String;");
        ServletRecorder.start();
        assertThat(JaxRsRoutes.take()).isNull();
    }

    @Test
    void unknownOrUnannotatedMethodsAreNoRoute() {
        JaxRsRoutes.invoked(new Orders(), "helper()Ljava/lang/String;");
        JaxRsRoutes.invoked(new Orders(), "missing()V");
        JaxRsRoutes.invoked(null, "get(J)Ljava/lang/String;");
        assertThat(JaxRsRoutes.take()).isNull();
    }

    @Test
    void theRecorderPutsTheServletPathInFrontAndSpringMvcFirst() {
        JaxRsRoutes.invoked(new Orders(), "get(J)Ljava/lang/String;");
        assertThat(ServletRecorder.template(null, "PATH", "/api/*", "/api")).isEqualTo("/api/orders/{id}");
        JaxRsRoutes.invoked(new Orders(), "get(J)Ljava/lang/String;");
        assertThat(ServletRecorder.template("/spring/{x}", null, null, "/api")).isEqualTo("/spring/{x}");
        assertThat(JaxRsRoutes.take()).as("taken by the recorder").isNull();
        assertThat(ServletRecorder.template(null, "EXACT", "/healthz", null)).isEqualTo("/healthz");
    }
}
