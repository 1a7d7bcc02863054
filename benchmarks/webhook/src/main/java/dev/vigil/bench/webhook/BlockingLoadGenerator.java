package dev.vigil.bench.webhook;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Load generator behaving like the API server, cheap enough to offer 1,000 reviews/s on time from one pinned core:
 * HTTPS verifying the CA bundle (JDK {@link SSLSocket}, TLS 1.3), HTTP/1.1 keep-alive with one request at a time
 * per connection, {@code ?timeout=}, the mixed AdmissionReview corpus with each request's bytes (headers and body)
 * built once before the run.
 *
 * <p>Threads: one sender thread keeps the schedule ({@link System#nanoTime()}, {@link LockSupport#parkNanos}) and
 * writes each request on an idle connection itself (no hand-off); one reader thread per connection blocks on its
 * socket, parses the answer and records it; a reaper thread enforces the deadline. No executor, no per-request
 * objects beyond one small record.
 *
 * <ul>
 *   <li>{@code open}: constant rate; latency is measured from each request's <em>intended</em> send time
 *       (HdrHistogram; no coordinated omission): a request that waits for the generator, for a free connection or
 *       for the server counts all of it. {@code --connections} are opened before the run; when all are busy a new
 *       one is opened, up to {@code --max-connections} (the API server's Go client opens connections on demand and
 *       has no per-host limit by default), beyond that requests wait in the client (counted as
 *       {@code queued_in_client}).
 *   <li>{@code closed}: {@code --concurrency} connections each sending back to back, for throughput at saturation.
 * </ul>
 *
 * <p>The deadline is the API server's: {@code --timeout} seconds (sent as {@code ?timeout=}) after the intended send
 * time, the request is abandoned and its connection closed, as the API server does. Outcomes are counted
 * separately: {@code ok_200} (HTTP 200 with a decision), {@code shed_429} (HTTP 200 whose AdmissionReview status
 * code is 429: the webhook shed it), {@code other_status} (any other HTTP status), {@code conn_errors} (connect,
 * handshake, reset, closed before the answer), {@code timeouts} (sent, no answer by the deadline: the connection is
 * closed), {@code expired_in_client} (the deadline passed while the request waited in the client for a connection:
 * never sent, the generator's shortfall, not the server's), {@code late} (an answer read after the deadline, before
 * the reaper closed the connection).
 *
 * <p>Priorities: the sender and the reaper run at {@link Thread#MAX_PRIORITY}, readers just below normal; with
 * {@code -XX:ThreadPriorityPolicy=1} (root) the JVM maps that to nice values, so on a core shared with many busy
 * reader threads (overload) or other processes the schedule is still kept.
 *
 * <p>Prints one result line per run: {@code key=value} pairs ({@code unfinished}: requests neither answered nor
 * failed when the run ended; should be 0).
 */
public final class BlockingLoadGenerator {
    private static final long MAX_RECORDED = TimeUnit.SECONDS.toNanos(59);
    private static final byte[] SHED_MARKER = "\"code\":429".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        GeneratorOptions o = GeneratorOptions.parseOrExit("BlockingLoadGenerator", args);
        Run run = new Run(o.url(), sslContext(o.ca()), Corpus.mixed(), o.deadlineNanos(), o.maxConnections());
        if (o.open()) {
            run.open(o.rate(), o.connections(), o.warmupSeconds(), o.durationSeconds());
        } else {
            run.closed(o.concurrency(), o.warmupSeconds(), o.durationSeconds());
        }
        run.print(o.phase(), o.mode(), o.open() ? o.rate() : 0);
        System.exit(0); // reader threads are daemons; do not wait for the server to close idle connections
    }

    static SSLContext sslContext(Path ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** CPU time of this process (all threads), for the generator's own cost per request. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** One request: which corpus entry, when it should have been sent, whether it is counted. */
    record Req(int entry, long intended, boolean measured) {}

    /** One measured run. */
    static final class Run {
        private final URI uri;
        private final SSLContext ssl;
        private final byte[][] requests;
        private final long deadlineNanos;
        private final int maxConnections;

        private final Histogram latency = new ConcurrentHistogram(MAX_RECORDED + 1, 3);
        /** From writing the request to reading its answer: excludes generator lag and the client's queue. */
        private final Histogram onWire = new ConcurrentHistogram(MAX_RECORDED + 1, 3);
        /** How late the sender thread dispatched a request relative to its intended time (only the sender writes). */
        private final Histogram sendLag = new Histogram(MAX_RECORDED + 1, 3);

        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong shed = new AtomicLong();
        private final AtomicLong otherStatus = new AtomicLong();
        private final AtomicLong connErrors = new AtomicLong();
        private final AtomicLong timeouts = new AtomicLong();
        private final AtomicLong expiredInClient = new AtomicLong();
        private final AtomicLong late = new AtomicLong();
        private final AtomicLong queuedInClient = new AtomicLong();
        private final AtomicLong connectionsOpened = new AtomicLong();
        private final AtomicLong outstanding = new AtomicLong();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicReference<String> firstError = new AtomicReference<>();
        private final Set<Conn> all = ConcurrentHashMap.newKeySet();

        /** Guards {@link #idle}, {@link #pending} and {@link #open}. */
        private final Object lock = new Object();

        private final ArrayDeque<Conn> idle = new ArrayDeque<>();
        private final ArrayDeque<Req> pending = new ArrayDeque<>();
        private int open;
        private int maxOpen;

        private volatile boolean closedLoopRunning;
        private volatile long measureFrom = Long.MAX_VALUE;
        private volatile long measureUntil = Long.MAX_VALUE;
        private long measuredNanos;
        private long cpuNanos;
        private long cpuRequests;

        Run(URI url, SSLContext ssl, List<Corpus.Entry> corpus, long deadlineNanos, int maxConnections) {
            this.uri = url;
            this.ssl = ssl;
            this.deadlineNanos = deadlineNanos;
            this.maxConnections = maxConnections;
            String path = url.getRawPath() + "?timeout=" + Math.max(1, deadlineNanos / 1_000_000_000L) + "s";
            this.requests = new byte[corpus.size()][];
            for (int i = 0; i < corpus.size(); i++) {
                byte[] body = corpus.get(i).body();
                byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
                                + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                byte[] r = new byte[head.length + body.length];
                System.arraycopy(head, 0, r, 0, head.length);
                System.arraycopy(body, 0, r, head.length, body.length);
                requests[i] = r;
            }
        }

        void open(double rate, int connections, double warmupSeconds, double durationSeconds) throws Exception {
            preconnect(Math.min(connections, maxConnections));
            startReaper();
            Thread.currentThread().setPriority(Thread.MAX_PRIORITY);
            double period = 1e9 / rate;
            long total = (long) ((warmupSeconds + durationSeconds) * rate);
            long warmupCount = (long) (warmupSeconds * rate);
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            long cpuStart = 0;
            for (long i = 0; i < total; i++) {
                long intended = start + (long) (i * period);
                long now;
                while ((now = System.nanoTime()) < intended) {
                    LockSupport.parkNanos(intended - now);
                }
                boolean measured = i >= warmupCount;
                if (i == warmupCount) {
                    cpuStart = processCpuNanos();
                }
                if (measured) {
                    sendLag.recordValue(Math.min(now - intended, MAX_RECORDED));
                }
                dispatch(new Req((int) (i % requests.length), intended, measured));
            }
            cpuNanos = processCpuNanos() - cpuStart;
            cpuRequests = total - warmupCount;
            measuredNanos = (long) (durationSeconds * 1e9);
            drain();
        }

        void closed(int concurrency, double warmupSeconds, double durationSeconds) throws Exception {
            closedLoopRunning = true;
            preconnect(concurrency);
            startReaper();
            long start = System.nanoTime();
            measureFrom = start + (long) (warmupSeconds * 1e9);
            measureUntil = measureFrom + (long) (durationSeconds * 1e9);
            List<Conn> conns;
            synchronized (lock) {
                conns = List.copyOf(idle);
                idle.clear();
            }
            int n = 0;
            for (Conn c : conns) {
                outstanding.incrementAndGet();
                sent.incrementAndGet();
                c.send(new Req(n++ % requests.length, System.nanoTime(), false));
            }
            long cpuStart = 0;
            boolean cpuStarted = false;
            while (System.nanoTime() < measureUntil) {
                if (!cpuStarted && System.nanoTime() >= measureFrom) {
                    cpuStart = processCpuNanos();
                    cpuStarted = true;
                }
                Thread.sleep(5);
            }
            closedLoopRunning = false;
            cpuNanos = processCpuNanos() - cpuStart;
            cpuRequests = ok.get() + shed.get() + otherStatus.get();
            measuredNanos = measureUntil - measureFrom;
            drain();
        }

        /** Opens {@code n} connections in parallel (full handshakes) and puts them in the idle pool. */
        private void preconnect(int n) throws InterruptedException {
            CountDownLatch ready = new CountDownLatch(n);
            synchronized (lock) {
                open += n;
                maxOpen = Math.max(maxOpen, open);
            }
            for (int i = 0; i < n; i++) {
                Conn c = new Conn();
                Thread t = new Thread(() -> c.run(null, ready), "reader");
                t.setPriority(Thread.NORM_PRIORITY - 1);
                t.setDaemon(true);
                t.start();
            }
            if (!ready.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("could not open " + n + " connections in 120 s");
            }
            if (connErrors.get() > 0) {
                System.err.println("warning: " + connErrors.get() + " connections failed to open: " + firstError);
                connErrors.set(0);
            }
        }

        /** Sends on an idle connection, opens a new one, or queues in the client when the limit is reached. */
        private void dispatch(Req r) {
            outstanding.incrementAndGet();
            sent.incrementAndGet();
            Conn c;
            boolean openNew = false;
            synchronized (lock) {
                c = idle.pollLast();
                if (c == null) {
                    if (open < maxConnections) {
                        open++;
                        maxOpen = Math.max(maxOpen, open);
                        openNew = true;
                    } else {
                        pending.addLast(r);
                        if (r.measured) {
                            queuedInClient.incrementAndGet();
                        }
                        return;
                    }
                }
            }
            if (c != null) {
                c.send(r);
            } else if (openNew) {
                Conn fresh = new Conn();
                Thread t = new Thread(() -> fresh.run(r, null), "reader");
                t.setPriority(Thread.NORM_PRIORITY - 1);
                t.setDaemon(true);
                t.start();
            }
        }

        /** A connection is free: take the next request waiting in the client, or go back to the idle pool. */
        private void release(Conn c) {
            if (closedLoopRunning) {
                outstanding.incrementAndGet();
                long n = sent.getAndIncrement();
                c.send(new Req((int) (n % requests.length), System.nanoTime(), false));
                return;
            }
            Req next;
            long now = System.nanoTime();
            synchronized (lock) {
                while ((next = pending.pollFirst()) != null && now - next.intended > deadlineNanos) {
                    finish(next, Outcome.EXPIRED, now, 0, null); // the API server gave up before it was sent
                }
                if (next == null) {
                    idle.addLast(c);
                    return;
                }
            }
            c.send(next);
        }

        /** A connection closed: requests waiting in the client get a new one (the API server dials on demand). */
        private void connectionGone(Conn c) {
            all.remove(c);
            Req next = null;
            synchronized (lock) {
                idle.remove(c);
                open--;
                if (!pending.isEmpty() && open < maxConnections) {
                    next = pending.pollFirst();
                    open++;
                }
            }
            if (next != null) {
                Req first = next;
                Conn fresh = new Conn();
                Thread t = new Thread(() -> fresh.run(first, null), "reader");
                t.setPriority(Thread.NORM_PRIORITY - 1);
                t.setDaemon(true);
                t.start();
            }
        }

        /** Abandons requests past their deadline, as the API server does: closes their connection. */
        private void startReaper() {
            Thread t = new Thread(
                    () -> {
                        while (true) {
                            long now = System.nanoTime();
                            for (Conn c : all) {
                                Req r = c.current.get();
                                if (r != null && now - r.intended > deadlineNanos) {
                                    c.abandon(r);
                                }
                            }
                            synchronized (lock) {
                                while (!pending.isEmpty() && now - pending.peekFirst().intended > deadlineNanos) {
                                    finish(pending.pollFirst(), Outcome.EXPIRED, now, 0, null);
                                }
                            }
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                        }
                    },
                    "reaper");
            t.setPriority(Thread.MAX_PRIORITY);
            t.setDaemon(true);
            t.start();
        }

        enum Outcome {
            OK,
            SHED,
            OTHER_STATUS,
            CONN_ERROR,
            TIMEOUT,
            /** The deadline passed while the request waited in the client for a connection: never sent. */
            EXPIRED
        }

        private void finish(Req r, Outcome outcome, long now, long wroteAt, String detail) {
            boolean measured = r.measured || (r.intended >= measureFrom && r.intended < measureUntil);
            if (measured) {
                switch (outcome) {
                    case OK -> ok.incrementAndGet();
                    case SHED -> shed.incrementAndGet();
                    case OTHER_STATUS -> otherStatus.incrementAndGet();
                    case CONN_ERROR -> connErrors.incrementAndGet();
                    case TIMEOUT -> timeouts.incrementAndGet();
                    case EXPIRED -> expiredInClient.incrementAndGet();
                }
                if (detail != null) {
                    firstError.compareAndSet(null, detail);
                }
                long took = now - r.intended;
                if ((outcome == Outcome.OK || outcome == Outcome.SHED || outcome == Outcome.OTHER_STATUS)
                        && took > deadlineNanos) {
                    late.incrementAndGet();
                }
                latency.recordValue(Math.min(Math.max(0, took), MAX_RECORDED));
                if (wroteAt != 0
                        && (outcome == Outcome.OK || outcome == Outcome.SHED || outcome == Outcome.OTHER_STATUS)) {
                    onWire.recordValue(Math.min(Math.max(0, now - wroteAt), MAX_RECORDED));
                }
            }
            outstanding.decrementAndGet();
        }

        private void drain() throws InterruptedException {
            long deadline = System.nanoTime() + deadlineNanos + TimeUnit.SECONDS.toNanos(5);
            while (outstanding.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }

        void print(String phase, String mode, double target) {
            double seconds = measuredNanos / 1e9;
            long answered = ok.get() + shed.get();
            long errors = otherStatus.get() + connErrors.get() + timeouts.get() + expiredInClient.get();
            System.out.printf(
                    Locale.ROOT,
                    "phase=%s mode=%s target_rps=%.0f answered_rps=%.0f reviewed_rps=%.0f answered=%d ok_200=%d"
                            + " shed_429=%d other_status=%d conn_errors=%d timeouts=%d expired_in_client=%d late=%d errors=%d shed=%d"
                            + " sent=%d queued_in_client=%d connections_opened=%d max_open=%d"
                            + " p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f"
                            + " wire_p50_ms=%.3f wire_p99_ms=%.3f wire_p999_ms=%.3f"
                            + " send_lag_p50_ms=%.3f send_lag_p99_ms=%.3f send_lag_p999_ms=%.3f send_lag_max_ms=%.3f"
                            + " gen_cpu_us_per_request=%.0f unfinished=%d%s%n",
                    phase,
                    mode,
                    target,
                    answered / seconds,
                    ok.get() / seconds,
                    answered,
                    ok.get(),
                    shed.get(),
                    otherStatus.get(),
                    connErrors.get(),
                    timeouts.get(),
                    expiredInClient.get(),
                    late.get(),
                    errors,
                    shed.get(),
                    sent.get(),
                    queuedInClient.get(),
                    connectionsOpened.get(),
                    maxOpen,
                    ms(latency.getValueAtPercentile(50)),
                    ms(latency.getValueAtPercentile(90)),
                    ms(latency.getValueAtPercentile(99)),
                    ms(latency.getValueAtPercentile(99.9)),
                    ms(latency.getMaxValue()),
                    ms(onWire.getValueAtPercentile(50)),
                    ms(onWire.getValueAtPercentile(99)),
                    ms(onWire.getValueAtPercentile(99.9)),
                    ms(sendLag.getValueAtPercentile(50)),
                    ms(sendLag.getValueAtPercentile(99)),
                    ms(sendLag.getValueAtPercentile(99.9)),
                    ms(sendLag.getMaxValue()),
                    cpuNanos / 1e3 / Math.max(1, cpuRequests),
                    outstanding.get(),
                    firstError.get() == null
                            ? ""
                            : " first_error=\"" + firstError.get().replace('"', '\'') + "\"");
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }

        /** One keep-alive TLS connection and its reader thread. */
        final class Conn {
            private SSLSocket socket;
            private OutputStream out;
            private InputStream in;
            private final byte[] buf = new byte[16 * 1024];
            private int pos;
            private int lim;
            /** The request in flight, set by whoever writes it before writing; taken once by whoever ends it. */
            final AtomicReference<Req> current = new AtomicReference<>();

            private volatile long wroteAt;
            private final AtomicInteger state = new AtomicInteger(); // 0 open, 1 abandoned/closed

            /** Connects (full handshake), then sends {@code first} or joins the idle pool, then reads answers. */
            void run(Req first, CountDownLatch ready) {
                try {
                    socket = (SSLSocket) ssl.getSocketFactory().createSocket();
                    socket.setTcpNoDelay(true);
                    SSLParameters params = socket.getSSLParameters();
                    params.setEndpointIdentificationAlgorithm("HTTPS");
                    params.setProtocols(new String[] {"TLSv1.3"});
                    socket.setSSLParameters(params);
                    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
                    socket.startHandshake();
                    out = socket.getOutputStream();
                    in = socket.getInputStream();
                    all.add(this);
                    if (first != null && first.measured) {
                        connectionsOpened.incrementAndGet();
                    }
                } catch (IOException | RuntimeException e) {
                    closeQuietly();
                    synchronized (lock) {
                        open--;
                    }
                    if (first != null) {
                        finish(first, Outcome.CONN_ERROR, System.nanoTime(), 0, "connect: " + e);
                    } else {
                        connErrors.incrementAndGet(); // a connection opened before the run: reported, then reset
                        firstError.compareAndSet(null, "connect: " + e);
                        ready.countDown();
                    }
                    return;
                }
                if (first != null) {
                    send(first);
                } else {
                    synchronized (lock) {
                        idle.addLast(this);
                    }
                    ready.countDown();
                }
                readLoop();
            }

            /** Writes {@code r} on this connection (the caller owns the connection: it was idle). */
            void send(Req r) {
                current.set(r);
                if (state.get() != 0) { // closed meanwhile (the server closed it while it was idle)
                    if (current.compareAndSet(r, null)) {
                        finish(r, Outcome.CONN_ERROR, System.nanoTime(), 0, "connection closed before the request");
                    }
                    return;
                }
                try {
                    wroteAt = System.nanoTime();
                    out.write(requests[r.entry]);
                    out.flush();
                } catch (IOException | RuntimeException e) {
                    fail("write: " + e);
                }
            }

            private void readLoop() {
                try {
                    while (true) {
                        int status = readResponse();
                        long now = System.nanoTime();
                        Req r = current.getAndSet(null);
                        if (r == null) {
                            if (state.get() != 0) {
                                return; // abandoned by the reaper meanwhile: already counted as a timeout
                            }
                            throw new IOException("answer without a request");
                        }
                        Outcome o = status != 200
                                ? Outcome.OTHER_STATUS
                                : lastBodyHasShedMarker ? Outcome.SHED : Outcome.OK;
                        finish(r, o, now, wroteAt, o == Outcome.OTHER_STATUS ? "HTTP " + status : null);
                        if (closeAfter) {
                            close();
                            return;
                        }
                        release(this);
                    }
                } catch (IOException | RuntimeException e) {
                    fail("read: " + e);
                }
            }

            /** The reaper's deadline: the API server abandons the request and closes the connection. */
            void abandon(Req r) {
                if (current.compareAndSet(r, null)) {
                    finish(r, Outcome.TIMEOUT, System.nanoTime(), 0, null);
                    close();
                }
            }

            private void fail(String why) {
                close();
                Req r = current.getAndSet(null);
                if (r != null) {
                    finish(r, Outcome.CONN_ERROR, System.nanoTime(), 0, why);
                }
            }

            private void close() {
                if (state.compareAndSet(0, 1)) {
                    closeQuietly();
                    connectionGone(this);
                }
            }

            private void closeQuietly() {
                try {
                    if (socket != null) {
                        socket.close();
                    }
                } catch (IOException ignored) {
                    // closing anyway
                }
            }

            private boolean lastBodyHasShedMarker;
            private boolean closeAfter;

            /** Reads one HTTP/1.1 response (status line, headers, body by Content-Length or chunked). */
            private int readResponse() throws IOException {
                String statusLine = line();
                if (!statusLine.startsWith("HTTP/1.")) {
                    throw new IOException("bad status line: " + statusLine);
                }
                int status = Integer.parseInt(statusLine.substring(9, 12));
                long length = -1;
                boolean chunked = false;
                closeAfter = false;
                for (String h = line(); !h.isEmpty(); h = line()) {
                    int colon = h.indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = h.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                    switch (name) {
                        case "content-length" -> length = Long.parseLong(value);
                        case "transfer-encoding" -> chunked = value.contains("chunked");
                        case "connection" -> closeAfter = value.contains("close");
                        default -> {}
                    }
                }
                matched = 0;
                lastBodyHasShedMarker = false;
                if (chunked) {
                    for (long size = Long.parseLong(line().split(";")[0].trim(), 16);
                            size > 0;
                            size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                        body(size);
                        line();
                    }
                    for (String t = line(); !t.isEmpty(); t = line()) {
                        // trailers
                    }
                } else if (length >= 0) {
                    body(length);
                } else {
                    throw new IOException("answer without Content-Length");
                }
                return status;
            }

            private int matched;

            private void body(long n) throws IOException {
                while (n > 0) {
                    if (pos == lim) {
                        fill();
                    }
                    int take = (int) Math.min(n, lim - pos);
                    for (int i = pos; i < pos + take && !lastBodyHasShedMarker; i++) {
                        matched = buf[i] == SHED_MARKER[matched] ? matched + 1 : (buf[i] == SHED_MARKER[0] ? 1 : 0);
                        if (matched == SHED_MARKER.length) {
                            lastBodyHasShedMarker = true;
                        }
                    }
                    pos += take;
                    n -= take;
                }
            }

            private String line() throws IOException {
                StringBuilder sb = new StringBuilder(64);
                while (true) {
                    if (pos == lim) {
                        fill();
                    }
                    byte b = buf[pos++];
                    if (b == '\n') {
                        int len = sb.length();
                        return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
                    }
                    sb.append((char) (b & 0xff));
                    if (sb.length() > 8192) {
                        throw new IOException("header line longer than 8 KiB");
                    }
                }
            }

            private void fill() throws IOException {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    throw new EOFException("connection closed by the server");
                }
                pos = 0;
                lim = n;
            }
        }
    }
}
