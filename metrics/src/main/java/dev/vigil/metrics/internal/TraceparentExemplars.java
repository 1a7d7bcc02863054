package dev.vigil.metrics.internal;

import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.config.ExemplarsProperties;
import io.prometheus.metrics.config.PrometheusPropertiesLoader;
import io.prometheus.metrics.core.exemplars.ExemplarSampler;
import io.prometheus.metrics.core.exemplars.ExemplarSamplerConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.tracer.common.SpanContext;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Exemplars from a W3C {@code traceparent} header: the recorder puts the request's trace and span id here for the
 * duration of one measurement, and the Prometheus registry attaches them (OpenMetrics output only) when the trace is
 * sampled. No tracer needed.
 *
 * <p>{@link #newRegistry} replaces the Prometheus client's exemplar sampler, which rate-limits with a scheduler
 * thread of its own ({@code prometheus-metrics-scheduler}, started on the first observation), by {@link Sampler}:
 * same retention rules, rate-limited by timestamp, and nothing at all to do for a request without a sampled trace.
 */
public final class TraceparentExemplars implements SpanContext {
    private static final ThreadLocal<Context> CURRENT = new ThreadLocal<>();

    /** A parsed, valid trace context. */
    public static final class Context {
        final String traceId;
        final String spanId;
        final boolean sampled;

        Context(String traceId, String spanId, boolean sampled) {
            this.traceId = traceId;
            this.spanId = spanId;
            this.sampled = sampled;
        }

        /** The 32 hex digit trace id. */
        public String traceId() {
            return traceId;
        }

        /** The 16 hex digit parent (span) id. */
        public String spanId() {
            return spanId;
        }

        /** Whether the caller sampled the trace (flags bit 0). */
        public boolean sampled() {
            return sampled;
        }
    }

    /**
     * Parses {@code version-traceid-spanid-flags} (lower-case hex, as the W3C spec requires); null when the header is
     * absent or malformed (all-zero ids and version {@code ff} included). No regular expressions, no allocation
     * beyond the two ids.
     */
    public static Context parse(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String s = traceparent;
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) <= ' ') {
            to--;
        }
        // 2 + 1 + 32 + 1 + 16 + 1 + 2 = 55; a later version may append "-..." fields
        if (to - from < 55 || (to - from > 55 && s.charAt(from + 55) != '-')) {
            return null;
        }
        if (!hex(s, from, from + 2)
                || (s.charAt(from) == 'f' && s.charAt(from + 1) == 'f')
                || s.charAt(from + 2) != '-'
                || !hex(s, from + 3, from + 35)
                || s.charAt(from + 35) != '-'
                || !hex(s, from + 36, from + 52)
                || s.charAt(from + 52) != '-'
                || !hex(s, from + 53, from + 55)
                || zeros(s, from + 3, from + 35)
                || zeros(s, from + 36, from + 52)) {
            return null;
        }
        boolean sampled = (Character.digit(s.charAt(from + 54), 16) & 1) == 1;
        return new Context(s.substring(from + 3, from + 35), s.substring(from + 36, from + 52), sampled);
    }

    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    /** Makes {@code context} current for the measurement {@code run} takes; null runs it without exemplar. */
    public static void with(Context context, Runnable run) {
        if (context == null) {
            run.run();
            return;
        }
        CURRENT.set(context);
        try {
            run.run();
        } finally {
            CURRENT.remove();
        }
    }

    /** Makes {@code context} current until {@link #clear()}; for callers that avoid a lambda per measurement. */
    public static void set(Context context) {
        CURRENT.set(context);
    }

    /** Ends what {@link #set} began. */
    public static void clear() {
        CURRENT.remove();
    }

    @Override
    public String getCurrentTraceId() {
        Context c = CURRENT.get();
        return c == null ? null : c.traceId;
    }

    @Override
    public String getCurrentSpanId() {
        Context c = CURRENT.get();
        return c == null ? null : c.spanId;
    }

    @Override
    public boolean isCurrentSpanSampled() {
        Context c = CURRENT.get();
        return c != null && c.sampled;
    }

    @Override
    public void markCurrentSpanAsExemplar() {
        // nothing to mark: the trace lives in the caller's tracer, if any
    }

    /**
     * A Prometheus meter registry ({@link PrometheusConfig#DEFAULT}); with {@code exemplars}, traceparent exemplars
     * sampled by {@link Sampler}. If this Micrometer version cannot take the sampler, the client's own is kept (and
     * with it its scheduler thread): exemplars still work.
     */
    public static PrometheusMeterRegistry newRegistry(boolean exemplars) {
        TraceparentExemplars context = exemplars ? new TraceparentExemplars() : null;
        PrometheusMeterRegistry registry =
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), Clock.SYSTEM, context);
        if (context != null) {
            installSampler(registry, context);
        }
        return registry;
    }

    /** Whether {@link #newRegistry} put {@link Sampler} in place (for tests). */
    static boolean installSampler(PrometheusMeterRegistry registry, TraceparentExemplars context) {
        try {
            // Micrometer's factory type and field are package-private: a proxy of the interface, set before any meter
            Field field = PrometheusMeterRegistry.class.getDeclaredField("exemplarSamplerFactory");
            Class<?> factoryType = field.getType();
            ExemplarsProperties properties = PrometheusPropertiesLoader.load(
                            PrometheusConfig.DEFAULT.prometheusProperties())
                    .getExemplarProperties();
            Object factory = Proxy.newProxyInstance(
                    factoryType.getClassLoader(), new Class<?>[] {factoryType}, (proxy, method, args) -> {
                        if (method.getName().equals("createExemplarSampler") && args != null && args.length == 1) {
                            ExemplarSamplerConfig config = args[0] instanceof double[]
                                    ? new ExemplarSamplerConfig(properties, (double[]) args[0])
                                    : new ExemplarSamplerConfig(properties, (Integer) args[0]);
                            return new Sampler(config, context);
                        }
                        switch (method.getName()) {
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            case "equals":
                                return proxy == args[0];
                            case "toString":
                                return "TraceparentExemplars.Sampler factory";
                            default:
                                throw new UnsupportedOperationException(method.getName());
                        }
                    });
            field.setAccessible(true);
            field.set(registry, factory);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The Prometheus client's exemplar rules (one exemplar per classic bucket, or {@code n} for a summary; kept at
     * least the minimum retention, dropped after the maximum; at most one look per sample interval) without its
     * scheduler: the rate limit is a timestamp. A measurement without a sampled trace costs one thread-local read.
     */
    static final class Sampler extends ExemplarSampler {
        private final TraceparentExemplars context;
        private final long minRetention;
        private final long maxRetention;
        private final long interval;
        private final double[] bounds;
        private final Exemplar[] exemplars;
        private volatile long next;

        Sampler(ExemplarSamplerConfig config, TraceparentExemplars context) {
            super(config, context);
            this.context = context;
            this.minRetention = config.getMinRetentionPeriodMillis();
            this.maxRetention = config.getMaxRetentionPeriodMillis();
            this.interval = config.getSampleIntervalMillis();
            this.bounds = config.getHistogramClassicUpperBounds();
            this.exemplars = new Exemplar[config.getNumberOfExemplars()];
        }

        @Override
        public void observe(double value) {
            Context c = CURRENT.get();
            if (c == null || !c.sampled || Double.isNaN(value)) {
                return;
            }
            store(value, Labels.of(Exemplar.TRACE_ID, c.traceId, Exemplar.SPAN_ID, c.spanId));
        }

        @Override
        public void observeWithExemplar(double value, Labels labels) {
            if (Double.isNaN(value)) {
                return;
            }
            Context c = CURRENT.get();
            if (c != null && c.sampled && !labels.contains(Exemplar.TRACE_ID) && !labels.contains(Exemplar.SPAN_ID)) {
                labels = labels.merge(Labels.of(Exemplar.TRACE_ID, c.traceId, Exemplar.SPAN_ID, c.spanId));
            }
            store(value, labels);
        }

        private void store(double value, Labels labels) {
            long now = System.currentTimeMillis();
            if (now < next) {
                return;
            }
            next = now + interval;
            int slot = slot(value, now);
            if (slot >= 0) {
                exemplars[slot] = Exemplar.builder()
                        .value(value)
                        .labels(labels)
                        .timestampMillis(now)
                        .build();
            }
        }

        /** The slot to (re)fill, or -1 to keep what is there. */
        private int slot(double value, long now) {
            if (bounds != null && exemplars.length == bounds.length) {
                for (int i = 0; i < bounds.length; i++) {
                    if (value <= bounds[i]) {
                        return replaceable(exemplars[i], now) ? i : -1;
                    }
                }
                return -1;
            }
            int oldest = -1;
            for (int i = 0; i < exemplars.length; i++) {
                Exemplar e = exemplars[i];
                if (e == null || now - e.getTimestampMillis() > maxRetention) {
                    return i;
                }
                if (oldest < 0 || e.getTimestampMillis() < exemplars[oldest].getTimestampMillis()) {
                    oldest = i;
                }
            }
            return oldest >= 0 && replaceable(exemplars[oldest], now) ? oldest : -1;
        }

        private boolean replaceable(Exemplar e, long now) {
            return e == null || now - e.getTimestampMillis() > minRetention;
        }

        @Override
        public Exemplars collect() {
            long now = System.currentTimeMillis();
            List<Exemplar> result = new ArrayList<>(exemplars.length);
            for (int i = 0; i < exemplars.length; i++) {
                Exemplar e = exemplars[i];
                if (e == null) {
                    continue;
                }
                if (now - e.getTimestampMillis() > maxRetention) {
                    exemplars[i] = null;
                } else {
                    result.add(e);
                }
            }
            return result.isEmpty() ? Exemplars.EMPTY : Exemplars.of(result);
        }

        @Override
        public void reset() {
            java.util.Arrays.fill(exemplars, null);
        }
    }
}
