package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What must never happen to the application because of the agent. */
class RobustnessIT {
    @Test
    void aPreBoundPortLeavesTheApplicationServing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                SampleApp app = SampleApp.start("tomcat11", SampleApp.java17(), "port=" + taken.getLocalPort())) {
            assertThat(app.get("/items/1")).isEqualTo(200);
            assertThat(app.isAlive()).isTrue();
            assertThat(app.log())
                    .contains("[vigil-metrics] WARN cannot serve metrics, the application continues without the"
                            + " endpoint: cannot bind 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void invalidOptionsAreReportedAllAtOnceAndTheApplicationStillStarts() throws Exception {
        try (SampleApp app = SampleApp.start("tomcat11", SampleApp.java17(), "port=x,naming=prom")) {
            assertThat(app.get("/items/1")).isEqualTo(200);
            assertThat(app.log())
                    .contains("[vigil-metrics] WARN invalid metrics configuration:")
                    .contains("port was 'x' but it must be a port 0-65535")
                    .contains("naming was 'prom' but it must be 'micrometer' or 'otel'")
                    .contains("the application continues without metrics");
        }
    }

    @Test
    void aHundredThousandDistinctPathsStayUnderTheSeriesCap() throws Exception {
        int maxRoutes = 200;
        int requests = 100_000;
        try (SampleApp app = SampleApp.start("tomcat11", SampleApp.java17(), "port=0,maxRoutes=" + maxRoutes)) {
            sendDistinctPaths(app.port(), requests);

            String text = app.scrape(null);
            Matcher m = Pattern.compile("http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"\\} (\\S+)")
                    .matcher(text);
            Set<String> uris = new TreeSet<>();
            double total = 0;
            while (m.find()) {
                uris.add(m.group(1));
                total += Double.parseDouble(m.group(2));
            }
            assertThat(uris).hasSizeLessThanOrEqualTo(maxRoutes + 1).contains("__other__");
            assertThat(total).isEqualTo(requests);
            assertThat(text).containsPattern("metrics_agent_dropped_series_total\\{reason=\"uri\"} 9\\d{4}\\.0");
            assertThat(app.get("/items/1")).isEqualTo(200);
        }
    }

    @Test
    void anApplicationBundlingItsOwnMicrometerAndByteBuddyStillWorks() throws Exception {
        try (SampleApp app = SampleApp.start(
                "bundled",
                SampleApp.java17(),
                "port=0",
                List.of("tomcat11", "bundled"),
                "BundledApp",
                List.of("tomcat11"),
                "0")) {
            assertThat(app.get("/items/7")).isEqualTo(200);
            assertThat(app.log())
                    .contains("hello from the app's own Byte Buddy")
                    .contains("app micrometer 1.12.13 count ");
            assertThat(app.scrape(null)).contains("uri=\"/items/{id}\"").contains("metrics_agent_info");
            // the app's own global-registry meters are bridged (counting from the first scrape), without duplicates
            String text = "";
            for (int i = 0; i < 40 && !text.matches("(?s).*app_own_counter_total\\{kind=\"tick\"} [1-9].*"); i++) {
                Thread.sleep(100);
                text = app.scrape(null);
            }
            assertThat(text)
                    .containsPattern("app_own_counter_total\\{kind=\"tick\"} [1-9]")
                    .contains("# HELP app_own_counter_total Meter app.own.counter");
            assertThat(text.split("# TYPE jvm_memory_used_bytes ", -1)).hasSize(2);
        }
    }

    /** Pipelined HTTP/1.1 requests, 100 per connection (Tomcat's keep-alive limit), on 4 threads. */
    private static void sendDistinctPaths(int port, int requests) throws Exception {
        int perConnection = 100;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int start = 0; start < requests; start += perConnection) {
                int from = start;
                done.add(pool.submit(() -> {
                    pipeline(port, from, perConnection);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void pipeline(int port, int from, int count) throws Exception {
        StringBuilder req = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            req.append("GET /p/").append(letters(i)).append(" HTTP/1.1\r\nHost: x\r\n");
            req.append(i == from + count - 1 ? "Connection: close\r\n\r\n" : "\r\n");
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[65536];
            while (in.read(buf) >= 0) {
                // drain until the server closes after the last request
            }
        }
    }

    /** A path segment of letters only, so that route normalisation cannot fold it into {id}. */
    private static String letters(int n) {
        StringBuilder sb = new StringBuilder();
        do {
            sb.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return sb.toString();
    }
}
