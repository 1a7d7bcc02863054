import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The JAX-RS resources every JAX-RS sample serves: class and method {@code @Path}s, a regex parameter, a sub-resource
 * locator, a resource whose annotations sit on an interface, and an asynchronous method resumed from another thread.
 */
public final class Resources {
    private Resources() {}

    public static Set<Class<?>> classes() {
        return Set.of(Orders.class, CustomersImpl.class, Codes.class);
    }

    @Path("orders")
    public static class Orders {
        @GET
        public String list() {
            return "orders";
        }

        @GET
        @Path("{id: [0-9]+}")
        public String get(@PathParam("id") long id) {
            return "order " + id;
        }

        /** Sub-resource locator: no HTTP method, the returned object handles the rest of the path. */
        @Path("{id}/lines")
        public Lines lines(@PathParam("id") long id) {
            return new Lines(id);
        }

        @GET
        @Path("slow")
        public void slow(@Suspended AsyncResponse response) {
            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> response.resume("slow"));
        }
    }

    public static class Lines {
        private final long order;

        Lines(long order) {
            this.order = order;
        }

        @GET
        @Path("/{line}/")
        public String line(@PathParam("line") int line) {
            return "order " + order + " line " + line;
        }
    }

    @Path("/customers/")
    public interface Customers {
        @GET
        @Path("{name}")
        String get(@PathParam("name") String name);
    }

    /** No JAX-RS annotation of its own: they are inherited from the interface. */
    public static class CustomersImpl implements Customers {
        @Override
        public String get(String name) {
            return "customer " + name;
        }
    }

    @Path("codes")
    public static class Codes {
        @GET
        @Path("{code: [A-Z]{3}}")
        public String code(@PathParam("code") String code) {
            return "code " + code;
        }
    }
}
