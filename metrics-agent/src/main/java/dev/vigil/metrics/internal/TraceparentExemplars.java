package dev.vigil.metrics.internal;

import io.prometheus.metrics.tracer.common.SpanContext;

/**
 * Exemplars from a W3C {@code traceparent} header: the recorder puts the request's trace and span id here for the
 * duration of one measurement, and the Prometheus registry attaches them (OpenMetrics output only) when the trace is
 * sampled. No tracer needed.
 */
public final class TraceparentExemplars implements SpanContext {
    private static final ThreadLocal<String[]> CURRENT = new ThreadLocal<>();

    /**
     * Parses {@code version-traceid-spanid-flags}; returns {@code {traceId, spanId, sampled}} or null when the header
     * is absent or malformed (all-zero ids included).
     */
    public static String[] parse(String traceparent) {
        if (traceparent == null || traceparent.length() < 55) {
            return null;
        }
        String[] p = traceparent.trim().split("-");
        if (p.length < 4
                || !p[0].matches("[0-9a-f]{2}")
                || p[0].equals("ff")
                || !p[1].matches("[0-9a-f]{32}")
                || !p[2].matches("[0-9a-f]{16}")
                || !p[3].matches("[0-9a-f]{2}")
                || p[1].matches("0+")
                || p[2].matches("0+")) {
            return null;
        }
        boolean sampled = (Integer.parseInt(p[3], 16) & 1) == 1;
        return new String[] {p[1], p[2], Boolean.toString(sampled)};
    }

    /** Makes {@code context} current for the measurement {@code run} takes; null runs it without exemplar. */
    public static void with(String[] context, Runnable run) {
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

    @Override
    public String getCurrentTraceId() {
        String[] c = CURRENT.get();
        return c == null ? null : c[0];
    }

    @Override
    public String getCurrentSpanId() {
        String[] c = CURRENT.get();
        return c == null ? null : c[1];
    }

    @Override
    public boolean isCurrentSpanSampled() {
        String[] c = CURRENT.get();
        return c != null && Boolean.parseBoolean(c[2]);
    }

    @Override
    public void markCurrentSpanAsExemplar() {
        // nothing to mark: the trace lives in the caller's tracer, if any
    }
}
