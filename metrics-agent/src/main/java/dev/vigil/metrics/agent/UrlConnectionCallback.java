package dev.vigil.metrics.agent;

import dev.vigil.metrics.HttpClientMetrics;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.function.BiFunction;

/**
 * What the code woven into {@code sun.net.www.protocol.http.HttpURLConnection} calls once per connection, when the
 * response status is known or the call failed. Found by reflection through the system class loader and called as a JDK
 * {@link BiFunction}. Records into the same {@code http.client.requests} timer as {@code java.net.http.HttpClient}.
 * Never throws.
 */
public final class UrlConnectionCallback implements BiFunction<Object, Object, Object> {
    /** Looked up by name from the woven JDK code. */
    public static final UrlConnectionCallback INSTANCE = new UrlConnectionCallback();

    private static volatile HttpClientMetrics metrics;

    private UrlConnectionCallback() {}

    static void use(HttpClientMetrics m) {
        metrics = m;
    }

    /**
     * @param connection the connection (the JDK's implementation class)
     * @param call {@code {Long elapsedNanos, Integer responseCode (-1 when none), Throwable thrown or null}}
     * @return null
     */
    @Override
    public Object apply(Object connection, Object call) {
        try {
            Object[] args = (Object[]) call;
            long nanos = (Long) args[0];
            int code = (Integer) args[1];
            Throwable thrown = (Throwable) args[2];
            HttpURLConnection c = (HttpURLConnection) connection;
            URL url = c.getURL();
            String host = url == null || url.getHost() == null || url.getHost().isEmpty() ? "none" : url.getHost();
            String method = c.getRequestMethod();
            // a 4xx/5xx makes getInputStream throw, but the exchange itself completed: record the status
            int status = code > 0 ? code : 0;
            record(method, host, status, status > 0 ? null : thrown, nanos);
        } catch (Throwable ignored) {
            // never into the application
        }
        return null;
    }

    private static void record(String method, String host, int status, Throwable thrown, long nanos) {
        HttpClientMetrics m = metrics;
        if (m == null) {
            EarlyMeasurements.add(() -> record(method, host, status, thrown, nanos));
            return;
        }
        m.record(method, host, status, thrown, nanos);
    }
}
