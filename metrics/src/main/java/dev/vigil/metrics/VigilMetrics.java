package dev.vigil.metrics;

import dev.vigil.metrics.internal.ForeignMicrometerBridge;
import dev.vigil.metrics.internal.JdbcOtelNaming;
import dev.vigil.metrics.internal.JvmBinders;
import dev.vigil.metrics.internal.NameFilters;
import dev.vigil.metrics.internal.OtelNaming;
import dev.vigil.metrics.internal.PromtoolClean;
import dev.vigil.metrics.internal.SeriesCap;
import dev.vigil.metrics.internal.StandDown;
import dev.vigil.metrics.internal.TraceparentExemplars;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The metrics library: one private Prometheus registry with the JVM binders, the HTTP recorders and, when enabled, the
 * scrape endpoint. Usable by hand (no agent needed):
 *
 * <pre>{@code
 * VigilMetrics metrics = VigilMetrics.create(MetricsConfig.defaults());
 * metrics.startEndpoint();                       // http://127.0.0.1:9464/metrics
 * metrics.httpServer().record("GET", "/items/{id}", 200, null, nanos);
 * }</pre>
 */
public final class VigilMetrics implements AutoCloseable {
    /** Always present: {@code metrics_agent_info{version="..."} 1}. */
    public static final String INFO = "metrics.agent.info";
    /** Self-metric: measurements beyond a series cap ({@code metrics_agent_dropped_series_total}). */
    public static final String DROPPED = "metrics.agent.dropped.series";

    private final MetricsConfig config;
    private final PrometheusMeterRegistry registry;
    private final HttpServerMetrics httpServer;
    private final HttpClientMetrics httpClient;
    private final JdbcMetrics jdbc;
    private final ExecutorMetrics executors;
    private final GrpcMetrics grpc;
    private final Counter droppedRoutes;
    private final JvmBinders jvmBinders;
    private volatile MetricsEndpoint endpoint;
    private volatile Runnable beforeScrape = () -> {};
    /** The registry's meter filters, in order (also applied by hand to bridged meters' ids). */
    private final List<MeterFilter> filters = new ArrayList<>();

    private final StandDown standDown = new StandDown();
    private volatile ForeignMicrometerBridge bridge;

    private VigilMetrics(MetricsConfig config) {
        this.config = config;
        // exemplars sampled without the Prometheus client's scheduler thread
        this.registry = TraceparentExemplars.newRegistry(config.exemplars());
        Counter[] droppedByCap = new Counter[1];
        filters.add(StandDown.unprefix()); // first: bridged meters get their application name back
        if (config.naming() == MetricsConfig.Naming.OTEL) {
            filters.add(new OtelNaming());
            filters.add(new JdbcOtelNaming());
        }
        filters.add(new PromtoolClean());
        filters.add(NameFilters.allow(config.allow(), INFO));
        filters.add(NameFilters.deny(config.deny()));
        filters.add(new SeriesCap(
                config.maxSeriesPerMetric(),
                () -> {
                    if (droppedByCap[0] != null) {
                        droppedByCap[0].increment();
                    }
                },
                DROPPED));
        filters.add(standDown);
        for (MeterFilter f : filters) {
            registry.config().meterFilter(f);
        }
        droppedByCap[0] = dropped("series_cap");
        this.droppedRoutes = dropped("uri");
        this.httpServer = new HttpServerMetrics(registry, config.maxRoutes(), config.histogram(), droppedRoutes);
        this.httpClient = new HttpClientMetrics(registry, config.maxRoutes(), dropped("client_host"));
        httpServer.standingDown(standDown.names()::contains);
        httpClient.standingDown(standDown.names()::contains);
        this.jdbc = new JdbcMetrics(registry);
        this.executors = new ExecutorMetrics(registry, config.maxRoutes(), dropped("executor_name"));
        this.grpc = new GrpcMetrics(registry, config.maxRoutes(), dropped("grpc_method"));
        Gauge.builder(INFO, () -> 1)
                .description("Vigil metrics agent; the value is always 1")
                .tag("version", version())
                .register(registry);
        // bound before the first scrape (or the first registry() call): off the application's start-up path
        this.jvmBinders = config.jvm() ? JvmBinders.lazy(registry) : null;
    }

    private Counter dropped(String reason) {
        return Counter.builder(DROPPED)
                .description("Measurements refused or folded into __other__ because a metric reached its series cap")
                .tag("reason", reason)
                .register(registry);
    }

    /**
     * Creates the registry; the JVM meters are bound by {@link #bindJvmMeters()}, or at the latest on the first scrape
     * or {@link #registry()} call.
     */
    public static VigilMetrics create(MetricsConfig config) {
        return new VigilMetrics(config);
    }

    /**
     * Starts the scrape endpoint.
     *
     * @return the endpoint, with the port actually bound
     * @throws IOException when no port of the configured range can be bound
     */
    public MetricsEndpoint startEndpoint() throws IOException {
        MetricsEndpoint e = MetricsEndpoint.start(config, registry, () -> {
            bindJvm();
            beforeScrape.run();
        });
        this.endpoint = e;
        return e;
    }

    /**
     * Mirrors the meters of the application's own Micrometer (another, unrelocated Micrometer) onto this registry,
     * refreshed before every scrape; {@link MetricsConfig#coexist()} decides between the application's and the
     * agent's meters of the same name.
     *
     * @param applicationRegistries the {@code MeterRegistry} objects the application created
     * @param agentRegistries the registries the agent added to the application's {@code Metrics.globalRegistry}
     */
    public void bridgeApplicationRegistries(
            Supplier<List<Object>> applicationRegistries, Supplier<List<Object>> agentRegistries) {
        ForeignMicrometerBridge b = new ForeignMicrometerBridge(
                registry,
                applicationRegistries,
                agentRegistries,
                ForeignMicrometerBridge.Mode.valueOf(config.coexist().name()),
                standDown,
                this::exportedId);
        this.bridge = b;
        this.beforeScrape = this::syncApplicationMeters;
    }

    /** Mirrors new application meters now (the endpoint does this before every scrape). */
    public void syncApplicationMeters() {
        ForeignMicrometerBridge b = bridge;
        if (b != null) {
            b.sync();
            if (jvmBinders != null && standDown.names().contains("jvm.gc.pause")) {
                jvmBinders.closeGc(); // the application's GC meters win: stop listening for notifications
            }
        }
    }

    /** The id a meter gets on this registry after its filters, or null when a filter refuses it. */
    private Meter.Id exportedId(Meter.Id id) {
        Meter.Id mapped = id;
        for (MeterFilter f : filters) {
            mapped = f.map(mapped);
        }
        for (MeterFilter f : filters) {
            if (f != standDown && !(f instanceof SeriesCap) && f.accept(mapped) == MeterFilterReply.DENY) {
                return null;
            }
        }
        return mapped;
    }

    /** The version in {@code metrics_agent_info}. */
    public static String version() {
        String v = VigilMetrics.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The private registry: register your own meters here. */
    public PrometheusMeterRegistry registry() {
        bindJvm();
        return registry;
    }

    /**
     * Binds the JVM and process meters now (when {@code jvm=true}) instead of at the first scrape: from then on GC
     * pauses and allocations are recorded. The agent calls it on its initialisation thread right after start.
     */
    public void bindJvmMeters() {
        bindJvm();
    }

    private void bindJvm() {
        if (jvmBinders != null) {
            jvmBinders.bind();
        }
    }

    /** The HTTP server request recorder. */
    public HttpServerMetrics httpServer() {
        return httpServer;
    }

    /** The outgoing HTTP call recorder. */
    public HttpClientMetrics httpClient() {
        return httpClient;
    }

    /** The JDBC statement recorder and HikariCP pool gauges. */
    public JdbcMetrics jdbc() {
        return jdbc;
    }

    /** The gRPC server and client call recorder. */
    public GrpcMetrics grpc() {
        return grpc;
    }

    /** The thread pool meters ({@code executor.*}). */
    public ExecutorMetrics executors() {
        return executors;
    }

    /** The configuration in effect. */
    public MetricsConfig config() {
        return config;
    }

    /** The running endpoint, or null. */
    public MetricsEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        MetricsEndpoint e = endpoint;
        if (e != null) {
            e.close();
        }
        if (jvmBinders != null) {
            jvmBinders.close();
        }
        registry.close();
    }
}
