package dev.vigil.bench.webhook;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The benchmark's first load generator (Jetty 12 client), kept only to compare generators in the same conditions
 * ({@code GENERATOR=jetty benchmarks/webhook/run.sh}); {@link LoadGenerator} replaced it because one pinned core
 * could not send 1,000/s on time with it (see RESULTS.md, admission-webhook). Behaves like the API server: HTTPS verifying the CA bundle, keep-alive connections,
 * {@code ?timeout=3s}, the mixed AdmissionReview corpus. Two modes:
 *
 * <ul>
 *   <li>{@code open}: constant rate, latency measured from each request's <em>intended</em> send time
 *       (HdrHistogram; no coordinated omission);
 *   <li>{@code closed}: a fixed number of requests in flight, for throughput at saturation.
 * </ul>
 *
 * Prints one result line per run: {@code key=value} pairs.
 */
public final class JettyLoadGenerator {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(3);

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String url = a.get("url") + "?timeout=3s";
        String mode = a.getOrDefault("mode", "open");
        double rate = Double.parseDouble(a.getOrDefault("rate", "1000"));
        int concurrency = Integer.parseInt(a.getOrDefault("concurrency", "32"));
        double warmup = Double.parseDouble(a.getOrDefault("warmup", "5"));
        double duration = Double.parseDouble(a.getOrDefault("duration", "20"));
        int connections = Integer.parseInt(a.getOrDefault("connections", "64"));
        // the API server gives up after the webhook's timeoutSeconds and closes the connection; 10 s by default
        long timeoutMillis = (long) (1000 * Double.parseDouble(a.getOrDefault("timeout", "10")));
        List<Corpus.Entry> corpus = Corpus.mixed();

        HttpClient client = client(Path.of(a.get("ca")), connections);
        try {
            Run run = new Run(client, url, corpus, timeoutMillis);
            if (mode.equals("open")) {
                run.open(rate, warmup, duration);
            } else {
                run.closed(concurrency, warmup, duration);
            }
            run.print(a.getOrDefault("phase", mode), mode, mode.equals("open") ? rate : 0, duration);
        } finally {
            client.stop();
        }
    }

    static HttpClient client(Path ca, int connections) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca" + i++, c);
            }
        }
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        ssl.setTrustStore(trust);
        ssl.setEndpointIdentificationAlgorithm("HTTPS");
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(ssl);
        connector.setSelectors(1);
        QueuedThreadPool threads = new QueuedThreadPool(128); // selector, TLS and listeners: never starve
        threads.setName("loadgen");
        connector.setExecutor(threads);
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(threads);
        client.setMaxConnectionsPerDestination(connections);
        client.setMaxRequestsQueuedPerDestination(1_000_000);
        client.setIdleTimeout(60_000);
        client.start();
        return client;
    }

    /** One measured run. */
    static final class Run {
        private final HttpClient client;
        private final String url;
        private final List<Corpus.Entry> corpus;
        private final Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
        /** From the request's first byte on a connection to its answer: excludes generator lag and client queue. */
        private final Histogram onWire = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
        /** How late the generator called send() relative to the intended time (a loaded machine's scheduler). */
        private final Histogram sendLag = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);

        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong shed = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong late = new AtomicLong();
        private final AtomicLong outstanding = new AtomicLong();
        private final AtomicLong sent = new AtomicLong();
        private volatile String firstError;
        private long measuredNanos;
        private long cpuStart;
        private long cpuNanos;

        private final long timeoutMillis;

        Run(HttpClient client, String url, List<Corpus.Entry> corpus, long timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
            this.client = client;
            this.url = url;
            this.corpus = corpus;
        }

        void open(double rate, double warmupSeconds, double durationSeconds) throws InterruptedException {
            long period = (long) (1e9 / rate);
            long total = (long) ((warmupSeconds + durationSeconds) * rate);
            long warmupCount = (long) (warmupSeconds * rate);
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            cpuStart = LoadGenerator.processCpuNanos();
            for (long i = 0; i < total; i++) {
                long intended = start + i * period;
                long now;
                while ((now = System.nanoTime()) < intended) {
                    LockSupport.parkNanos(intended - now);
                }
                send(i, intended, i >= warmupCount, null);
            }
            measuredNanos = (long) (durationSeconds * 1e9);
            cpuNanos = LoadGenerator.processCpuNanos() - cpuStart;
            drain();
        }

        void closed(int concurrency, double warmupSeconds, double durationSeconds) throws InterruptedException {
            long start = System.nanoTime();
            long measureFrom = start + (long) (warmupSeconds * 1e9);
            long end = measureFrom + (long) (durationSeconds * 1e9);
            AtomicLong counter = new AtomicLong();
            CountDownLatch done = new CountDownLatch(concurrency);
            for (int c = 0; c < concurrency; c++) {
                Runnable[] next = new Runnable[1];
                next[0] = () -> {
                    long now = System.nanoTime();
                    if (now >= end) {
                        done.countDown();
                        return;
                    }
                    send(counter.getAndIncrement(), now, now >= measureFrom, next[0]);
                };
                next[0].run();
            }
            done.await(2 * (long) (warmupSeconds + durationSeconds) + 30, TimeUnit.SECONDS);
            measuredNanos = end - measureFrom;
            drain();
        }

        private void send(long i, long intended, boolean measured, Runnable then) {
            Corpus.Entry e = corpus.get((int) (i % corpus.size()));
            outstanding.incrementAndGet();
            sent.incrementAndGet();
            if (measured) {
                sendLag.recordValue(Math.max(0, Math.min(System.nanoTime() - intended, TimeUnit.SECONDS.toNanos(59))));
            }
            long[] began = new long[1];
            client.newRequest(url)
                    .onRequestBegin(r -> began[0] = System.nanoTime())
                    .method(HttpMethod.POST)
                    .headers(h -> h.put(HttpHeader.CONTENT_TYPE, "application/json"))
                    .body(new BytesRequestContent(e.body()))
                    .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                    .send(new BufferingResponseListener(1 << 20) {
                        @Override
                        public void onComplete(Result result) {
                            long took = System.nanoTime() - intended;
                            if (measured) {
                                if (result.isFailed() || result.getResponse().getStatus() != 200) {
                                    errors.incrementAndGet();
                                    if (firstError == null) {
                                        firstError = result.isFailed()
                                                ? String.valueOf(result.getFailure())
                                                : "HTTP " + result.getResponse().getStatus() + " "
                                                        + getContentAsString();
                                    }
                                } else if (getContentAsString().contains("\"code\":429")) {
                                    shed.incrementAndGet();
                                } else {
                                    ok.incrementAndGet();
                                }
                                if (took > DEADLINE_NANOS) {
                                    late.incrementAndGet();
                                }
                                latency.recordValue(Math.min(took, TimeUnit.SECONDS.toNanos(59)));
                                if (began[0] != 0) {
                                    onWire.recordValue(
                                            Math.min(System.nanoTime() - began[0], TimeUnit.SECONDS.toNanos(59)));
                                }
                            }
                            outstanding.decrementAndGet();
                            if (then != null) {
                                then.run();
                            }
                        }
                    });
        }

        private void drain() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (outstanding.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }

        void print(String phase, String mode, double target, double duration) {
            double seconds = measuredNanos / 1e9;
            long answered = ok.get() + shed.get();
            System.out.printf(
                    Locale.ROOT,
                    "phase=%s mode=%s target_rps=%.0f answered_rps=%.0f reviewed_rps=%.0f answered=%d shed=%d errors=%d"
                            + " late=%d sent=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f"
                            + " wire_p50_ms=%.3f wire_p99_ms=%.3f wire_p999_ms=%.3f send_lag_p99_ms=%.3f"
                            + " gen_cpu_us_per_request=%.0f%s%n",
                    phase,
                    mode,
                    target,
                    answered / seconds,
                    ok.get() / seconds,
                    answered,
                    shed.get(),
                    errors.get(),
                    late.get(),
                    sent.get(),
                    ms(latency.getValueAtPercentile(50)),
                    ms(latency.getValueAtPercentile(90)),
                    ms(latency.getValueAtPercentile(99)),
                    ms(latency.getValueAtPercentile(99.9)),
                    ms(latency.getMaxValue()),
                    ms(onWire.getValueAtPercentile(50)),
                    ms(onWire.getValueAtPercentile(99)),
                    ms(onWire.getValueAtPercentile(99.9)),
                    ms(sendLag.getValueAtPercentile(99)),
                    cpuNanos / 1e3 / Math.max(1, sent.get()),
                    firstError == null ? "" : " first_error=\"" + firstError.replace('\n', ' ') + "\"");
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }
    }
}
