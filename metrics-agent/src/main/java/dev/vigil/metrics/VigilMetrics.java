package dev.vigil.metrics;

import dev.vigil.metrics.internal.ForeignMicrometerBridge;
import dev.vigil.metrics.internal.JdbcOtelNaming;
import dev.vigil.metrics.internal.JvmBinders;
import dev.vigil.metrics.internal.NameFilters;
import dev.vigil.metrics.internal.OtelNaming;
import dev.vigil.metrics.internal.PromtoolClean;
import dev.vigil.metrics.internal.SeriesCap;
import dev.vigil.metrics.internal.TraceparentExemplars;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
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
    private final Counter droppedRoutes;
    private final JvmBinders jvmBinders;
    private volatile MetricsEndpoint endpoint;
    private volatile Runnable beforeScrape = () -> {};

    private VigilMetrics(MetricsConfig config) {
        this.config = config;
        // exemplars sampled without the Prometheus client's scheduler thread
        this.registry = TraceparentExemplars.newRegistry(config.exemplars());
        Counter[] droppedByCap = new Counter[1];
        if (config.naming() == MetricsConfig.Naming.OTEL) {
            registry.config().meterFilter(new OtelNaming()).meterFilter(new JdbcOtelNaming());
        }
        registry.config()
                .meterFilter(new PromtoolClean())
                .meterFilter(NameFilters.allow(config.allow(), INFO))
                .meterFilter(NameFilters.deny(config.deny()))
                .meterFilter(new SeriesCap(
                        config.maxSeriesPerMetric(),
                        () -> {
                            if (droppedByCap[0] != null) {
                                droppedByCap[0].increment();
                            }
                        },
                        DROPPED));
        droppedByCap[0] = dropped("series_cap");
        this.droppedRoutes = dropped("uri");
        this.httpServer = new HttpServerMetrics(registry, config.maxRoutes(), config.histogram(), droppedRoutes);
        this.httpClient = new HttpClientMetrics(registry, config.maxRoutes(), dropped("client_host"));
        this.jdbc = new JdbcMetrics(registry);
        this.executors = new ExecutorMetrics(registry, config.maxRoutes(), dropped("executor_name"));
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

    /** Creates the registry; the JVM meters are bound on the first scrape or {@link #registry()} call. */
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
     * Mirrors the meters of the application's own Micrometer {@code Metrics.globalRegistry} (another, unrelocated
     * Micrometer) onto this registry, refreshed before every scrape.
     *
     * @param metricsClasses finds the application's loaded {@code io.micrometer.core.instrument.Metrics} classes
     */
    public void bridgeGlobalRegistries(Supplier<List<Class<?>>> metricsClasses) {
        ForeignMicrometerBridge bridge = new ForeignMicrometerBridge(registry, metricsClasses);
        this.beforeScrape = bridge::sync;
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
