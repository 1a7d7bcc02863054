package dev.vigil.bench.webhook;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.HdrHistogram.Histogram;

/**
 * Load generator behaving like the API server, cheap enough to offer twice the webhook's saturation from one pinned
 * core and keep its schedule: one event-loop thread over all keep-alive TLS connections (JDK {@link SSLEngine} on a
 * NIO {@link Selector}; TLS 1.3, the CA bundle verified, the host name checked), HTTP/1.1 with one request at a
 * time per connection, {@code ?timeout=}, the mixed AdmissionReview corpus with each request's bytes (headers and
 * body) built once before the run.
 *
 * <p>Threads: the event loop does everything on the request path — keeps the schedule, writes requests, reads and
 * parses answers, records latencies, enforces deadlines — so nothing is handed between threads and nothing blocks.
 * Two helpers: a ticker that sleeps until the next intended send time and wakes the selector (the selector's own
 * timeout has millisecond granularity), and one thread for the TLS handshakes' delegated tasks (certificate and
 * signature verification, ~1 ms each), so opening a connection during a phase does not stall the schedule.
 *
 * <ul>
 *   <li>{@code open}: constant rate; latency is measured from each request's <em>intended</em> send time
 *       (HdrHistogram; no coordinated omission): a request that waits for the generator, for a free connection or
 *       for the server counts all of it. {@code --connections} are opened before the run; when all are busy a new
 *       one is opened, up to {@code --max-connections} (the API server's Go client dials on demand), beyond that
 *       requests wait in the client (counted as {@code queued_in_client}).
 *   <li>{@code closed}: {@code --concurrency} connections each sending back to back, for throughput at saturation.
 * </ul>
 *
 * <p>The deadline is the API server's: {@code --timeout} seconds (sent as {@code ?timeout=}) after the intended send
 * time the request is abandoned and its connection closed (a later request dials a new one), as the API server
 * does. Outcomes: {@code ok_200} (HTTP 200 with a decision), {@code shed_429} (HTTP 200 whose AdmissionReview status
 * code is 429: the webhook shed it), {@code other_status}, {@code conn_errors} (connect, handshake, reset, closed
 * before the answer), {@code timeouts} (sent, no answer by the deadline), {@code expired_in_client} (the deadline
 * passed while the request waited in the client for a connection: never sent, the generator's shortfall),
 * {@code late} (an answer read after the deadline: only possible when the loop itself fell behind).
 *
 * <p>Prints one result line per run, the same {@code key=value} pairs as {@link BlockingLoadGenerator} (run.sh
 * parses them).
 */
public final class LoadGenerator {
    private static final long MAX_RECORDED = TimeUnit.SECONDS.toNanos(59);
    private static final byte[] SHED_MARKER = "\"code\":429".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        GeneratorOptions o = GeneratorOptions.parseOrExit("LoadGenerator", args);
        SSLContext ssl = BlockingLoadGenerator.sslContext(o.ca());
        List<Corpus.Entry> corpus = Corpus.mixed();
        int n = o.loops();
        Loop[] loops = new Loop[n];
        Thread[] threads = new Thread[n];
        Exception[] failures = new Exception[n];
        for (int i = 0; i < n; i++) {
            // each loop: its share of the rate, the connections and the concurrency (the shares add up exactly)
            Loop loop = new Loop(o.url(), ssl, corpus, o.deadlineNanos(), share(o.maxConnections(), n, i));
            loops[i] = loop;
            int k = i;
            threads[i] = new Thread(
                    () -> {
                        try {
                            if (o.open()) {
                                loop.open(
                                        o.rate() / n,
                                        share(o.connections(), n, k),
                                        o.warmupSeconds(),
                                        o.durationSeconds());
                            } else {
                                loop.closed(share(o.concurrency(), n, k), o.warmupSeconds(), o.durationSeconds());
                            }
                        } catch (Exception e) {
                            failures[k] = e;
                        }
                    },
                    n == 1 ? "event-loop" : "event-loop-" + i);
            threads[i].setPriority(Thread.MAX_PRIORITY);
        }
        for (Thread t : threads) {
            t.start();
        }
        for (int i = 0; i < n; i++) {
            threads[i].join();
            if (failures[i] != null) {
                throw failures[i];
            }
        }
        for (int i = 1; i < n; i++) {
            loops[0].add(loops[i]);
        }
        loops[0].print(o.phase(), o.mode(), o.open() ? o.rate() : 0);
        System.exit(0);
    }

    /** Loop {@code i}'s share of {@code total} over {@code n} loops (at least 1). */
    static int share(int total, int n, int i) {
        return Math.max(1, total / n + (i < total % n ? 1 : 0));
    }

    enum Outcome {
        OK,
        SHED,
        OTHER_STATUS,
        CONN_ERROR,
        TIMEOUT,
        EXPIRED
    }

    /** One request: which corpus entry, when it should have been sent, whether it is counted. */
    static final class Req {
        final int entry;
        final long intended;
        final boolean measured;
        /** The connection carrying it, null while it waits in the client; done once an outcome is recorded. */
        Conn conn;

        boolean done;

        Req(int entry, long intended, boolean measured) {
            this.entry = entry;
            this.intended = intended;
            this.measured = measured;
        }
    }

    /** The event loop and everything it owns; only the loop thread touches its fields (except the two queues). */
    static final class Loop {
        private final InetSocketAddress address;
        private final String host;
        private final SSLContext ssl;
        private final ByteBuffer[] requests;
        private final long deadlineNanos;
        private final int maxConnections;
        private final Selector selector;
        private final int netSize;
        private final int appSize;

        private final Histogram latency = new Histogram(MAX_RECORDED + 1, 3);
        private final Histogram onWire = new Histogram(MAX_RECORDED + 1, 3);
        private final Histogram sendLag = new Histogram(MAX_RECORDED + 1, 3);

        private long ok;
        private long shed;
        private long otherStatus;
        private long connErrors;
        private long timeouts;
        private long expiredInClient;
        private long late;
        private long queuedInClient;
        private long connectionsOpened;
        private long outstanding;
        private long sent;
        private String firstError;

        private final ArrayDeque<Conn> idle = new ArrayDeque<>();
        private final ArrayDeque<Req> pending = new ArrayDeque<>();
        /** Requests on the wire in dispatch order, which is intended-time order: the deadline check looks at the head. */
        private final ArrayDeque<Req> inFlight = new ArrayDeque<>();

        private int open;
        private int maxOpen;
        private int handshaking;

        /** Connections whose delegated TLS tasks finished on the handshake thread. */
        private final ConcurrentLinkedQueue<Conn> tasksDone = new ConcurrentLinkedQueue<>();

        private final ExecutorService handshakeTasks = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tls-tasks");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });

        private boolean closedLoopRunning;
        private long measureFrom = Long.MAX_VALUE;
        private long measureUntil = Long.MAX_VALUE;
        private long measuredNanos;
        private long cpuNanos;
        private long cpuRequests;

        Loop(URI url, SSLContext ssl, List<Corpus.Entry> corpus, long deadlineNanos, int maxConnections)
                throws IOException {
            this.address = new InetSocketAddress(url.getHost(), url.getPort());
            this.host = url.getHost();
            this.ssl = ssl;
            this.deadlineNanos = deadlineNanos;
            this.maxConnections = maxConnections;
            this.selector = Selector.open();
            SSLEngine probe = ssl.createSSLEngine();
            this.appSize = probe.getSession().getApplicationBufferSize();
            String path = url.getRawPath() + "?timeout=" + Math.max(1, deadlineNanos / 1_000_000_000L) + "s";
            this.requests = new ByteBuffer[corpus.size()];
            int largest = 0;
            for (int i = 0; i < corpus.size(); i++) {
                byte[] body = corpus.get(i).body();
                byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
                                + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                ByteBuffer r = ByteBuffer.allocate(head.length + body.length);
                r.put(head).put(body).flip();
                requests[i] = r.asReadOnlyBuffer();
                largest = Math.max(largest, r.remaining());
            }
            int packet = probe.getSession().getPacketBufferSize();
            this.netSize = packet * (largest / appSize + 2);
        }

        // ---------------------------------------------------------------- phases

        void open(double rate, int connections, double warmupSeconds, double durationSeconds) throws IOException {
            preconnect(Math.min(connections, maxConnections));
            double period = 1e9 / rate;
            long total = (long) ((warmupSeconds + durationSeconds) * rate);
            long warmupCount = (long) (warmupSeconds * rate);
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            Thread ticker = ticker(start, period, total);
            long cpuStart = 0;
            long i = 0;
            while (i < total) {
                long now = System.nanoTime();
                long intended;
                while (i < total && (intended = start + (long) (i * period)) <= now) {
                    boolean measured = i >= warmupCount;
                    if (i == warmupCount) {
                        cpuStart = BlockingLoadGenerator.processCpuNanos();
                    }
                    if (measured) {
                        sendLag.recordValue(Math.min(now - intended, MAX_RECORDED));
                    }
                    dispatch(new Req((int) (i % requests.length), intended, measured), now);
                    i++;
                }
                expire(now);
                if (i < total) {
                    long next = start + (long) (i * period);
                    poll(next);
                }
            }
            cpuNanos = BlockingLoadGenerator.processCpuNanos() - cpuStart;
            cpuRequests = total - warmupCount;
            measuredNanos = (long) (durationSeconds * 1e9);
            ticker.interrupt();
            drain();
        }

        void closed(int concurrency, double warmupSeconds, double durationSeconds) throws IOException {
            preconnect(concurrency);
            closedLoopRunning = true;
            long start = System.nanoTime();
            measureFrom = start + (long) (warmupSeconds * 1e9);
            measureUntil = measureFrom + (long) (durationSeconds * 1e9);
            List<Conn> conns = List.copyOf(idle);
            idle.clear();
            for (Conn c : conns) {
                sendNext(c, System.nanoTime());
            }
            long cpuStart = 0;
            boolean cpuStarted = false;
            long now;
            while ((now = System.nanoTime()) < measureUntil) {
                if (!cpuStarted && now >= measureFrom) {
                    cpuStart = BlockingLoadGenerator.processCpuNanos();
                    cpuStarted = true;
                }
                expire(now);
                poll(Math.min(now + TimeUnit.MILLISECONDS.toNanos(5), measureUntil));
            }
            closedLoopRunning = false;
            cpuNanos = BlockingLoadGenerator.processCpuNanos() - cpuStart;
            cpuRequests = ok + shed + otherStatus;
            measuredNanos = measureUntil - measureFrom;
            drain();
        }

        /** Closed loop: the next request on a connection that just answered. */
        private void sendNext(Conn c, long now) {
            Req r = new Req((int) (sent % requests.length), now, false);
            outstanding++;
            sent++;
            send(c, r, now);
        }

        /** Opens {@code n} connections (non-blocking connects and handshakes) and waits until all are idle. */
        private void preconnect(int n) throws IOException {
            for (int i = 0; i < n; i++) {
                connect();
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (handshaking > 0) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("could not open " + n + " connections in 120 s");
                }
                poll(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
            }
            if (connErrors > 0) {
                System.err.println("warning: " + connErrors + " connections failed to open: " + firstError);
                connErrors = 0;
                firstError = null;
            }
        }

        /** Waits for I/O until {@code until} (the next send, woken by the ticker) and handles what is ready. */
        private void poll(long until) throws IOException {
            long wait = until - System.nanoTime();
            Conn t;
            while ((t = tasksDone.poll()) != null) {
                t.tasking = false;
                if (!t.closed) {
                    t.key.interestOps(SelectionKey.OP_READ);
                    pump(t);
                }
            }
            if (wait > 0) {
                long nextDeadline = nextDeadline();
                long ms = Math.max(
                        1, TimeUnit.NANOSECONDS.toMillis(Math.min(wait, nextDeadline - System.nanoTime())) + 1);
                if (until - System.nanoTime() > 0 && tasksDone.isEmpty()) {
                    selector.select(ms);
                } else {
                    selector.selectNow();
                }
            } else {
                selector.selectNow();
            }
            var keys = selector.selectedKeys();
            if (keys.isEmpty()) {
                return;
            }
            for (var it = keys.iterator(); it.hasNext(); ) {
                SelectionKey k = it.next();
                it.remove();
                Conn c = (Conn) k.attachment();
                if (!k.isValid()) {
                    continue;
                }
                try {
                    if (k.isConnectable()) {
                        c.ch.finishConnect();
                        k.interestOps(SelectionKey.OP_READ);
                        c.engine.beginHandshake();
                        pump(c);
                        continue;
                    }
                    if (k.isWritable()) {
                        if (flush(c)) {
                            k.interestOps(SelectionKey.OP_READ);
                            pump(c);
                        }
                    }
                    if (k.isValid() && k.isReadable()) {
                        int n = c.ch.read(c.netIn);
                        if (n < 0) {
                            fail(c, "closed by the server");
                            continue;
                        }
                        pump(c);
                    }
                } catch (IOException | RuntimeException e) {
                    fail(c, e.toString());
                }
            }
        }

        private long nextDeadline() {
            long d = Long.MAX_VALUE;
            Req r = inFlight.peekFirst();
            if (r != null) {
                d = r.intended + deadlineNanos;
            }
            Req p = pending.peekFirst();
            if (p != null) {
                d = Math.min(d, p.intended + deadlineNanos);
            }
            return d == Long.MAX_VALUE ? System.nanoTime() + TimeUnit.SECONDS.toNanos(1) : d;
        }

        /** Sleeps until each intended send time and wakes the selector (its own timeout is in milliseconds). */
        private Thread ticker(long start, double period, long total) {
            Thread t = new Thread(
                    () -> {
                        // at high rates one wake-up per millisecond is enough: the loop sends everything due each time
                        double step = Math.max(period, 250_000);
                        for (long j = 0; !Thread.currentThread().isInterrupted(); j++) {
                            long at = start + (long) (j * step);
                            if (j * step > total * period) {
                                return;
                            }
                            long now;
                            while ((now = System.nanoTime()) < at) {
                                LockSupport.parkNanos(at - now);
                            }
                            selector.wakeup(); // unconditionally: no race with the loop entering select
                        }
                    },
                    "ticker");
            t.setDaemon(true);
            t.setPriority(Thread.MAX_PRIORITY);
            t.start();
            return t;
        }

        private void drain() throws IOException {
            long deadline = System.nanoTime() + deadlineNanos + TimeUnit.SECONDS.toNanos(5);
            long now;
            while (outstanding > 0 && (now = System.nanoTime()) < deadline) {
                expire(now);
                poll(now + TimeUnit.MILLISECONDS.toNanos(5));
            }
        }

        // ---------------------------------------------------------------- requests

        /** Sends on an idle connection, dials a new one, or queues in the client when the limit is reached. */
        private void dispatch(Req r, long now) throws IOException {
            outstanding++;
            sent++;
            Conn c = idle.pollLast();
            if (c != null) {
                send(c, r, now);
                return;
            }
            pending.addLast(r);
            if (r.measured) {
                queuedInClient++;
            }
            if (open < maxConnections) {
                connect(); // takes the oldest waiting request when its handshake is done
                if (r.measured) {
                    connectionsOpened++;
                }
            }
        }

        private void send(Conn c, Req r, long now) {
            r.conn = c;
            c.current = r;
            c.wroteAt = now;
            inFlight.addLast(r);
            try {
                ByteBuffer src = requests[r.entry].duplicate();
                while (src.hasRemaining()) {
                    SSLEngineResult res = c.engine.wrap(src, c.netOut);
                    if (res.getStatus() != SSLEngineResult.Status.OK) {
                        throw new SSLException("wrap: " + res.getStatus());
                    }
                }
                if (!flush(c)) {
                    c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                }
            } catch (IOException | RuntimeException e) {
                fail(c, "write: " + e);
            }
        }

        /** A connection is free: the oldest request waiting in the client, or back to the idle pool. */
        private void release(Conn c, long now) {
            if (closedLoopRunning) {
                sendNext(c, now);
                return;
            }
            Req next;
            while ((next = pending.pollFirst()) != null && now - next.intended > deadlineNanos) {
                finish(next, Outcome.EXPIRED, now, 0, null);
            }
            if (next == null) {
                idle.addLast(c);
            } else {
                send(c, next, now);
            }
        }

        /** Deadlines: requests on the wire past it are abandoned (connection closed), waiting ones expire. */
        private void expire(long now) {
            Req r;
            while ((r = inFlight.peekFirst()) != null && (r.done || now - r.intended > deadlineNanos)) {
                inFlight.pollFirst();
                if (!r.done) {
                    Conn c = r.conn;
                    finish(r, Outcome.TIMEOUT, now, 0, null);
                    c.current = null;
                    close(c);
                }
            }
            while ((r = pending.peekFirst()) != null && now - r.intended > deadlineNanos) {
                pending.pollFirst();
                finish(r, Outcome.EXPIRED, now, 0, null);
            }
        }

        private void finish(Req r, Outcome outcome, long now, long wroteAt, String detail) {
            if (r.done) {
                return;
            }
            r.done = true;
            outstanding--;
            boolean measured = r.measured || (r.intended >= measureFrom && r.intended < measureUntil);
            if (!measured) {
                return;
            }
            switch (outcome) {
                case OK -> ok++;
                case SHED -> shed++;
                case OTHER_STATUS -> otherStatus++;
                case CONN_ERROR -> connErrors++;
                case TIMEOUT -> timeouts++;
                case EXPIRED -> expiredInClient++;
            }
            if (detail != null && firstError == null) {
                firstError = detail;
            }
            long took = now - r.intended;
            boolean answered = outcome == Outcome.OK || outcome == Outcome.SHED || outcome == Outcome.OTHER_STATUS;
            if (answered && took > deadlineNanos) {
                late++;
            }
            latency.recordValue(Math.min(Math.max(0, took), MAX_RECORDED));
            if (answered && wroteAt != 0) {
                onWire.recordValue(Math.min(Math.max(0, now - wroteAt), MAX_RECORDED));
            }
        }

        // ---------------------------------------------------------------- connections and TLS

        private void connect() throws IOException {
            Conn c = new Conn();
            open++;
            maxOpen = Math.max(maxOpen, open);
            handshaking++;
            c.handshaking = true;
            c.engine = ssl.createSSLEngine(host, address.getPort());
            c.engine.setUseClientMode(true);
            SSLParameters params = c.engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            params.setProtocols(new String[] {"TLSv1.3"});
            c.engine.setSSLParameters(params);
            c.netIn = ByteBuffer.allocate(netSize);
            c.netOut = ByteBuffer.allocate(netSize);
            c.appIn = ByteBuffer.allocate(appSize + 1024);
            try {
                c.ch = SocketChannel.open();
                c.ch.configureBlocking(false);
                c.ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                boolean connected = c.ch.connect(address);
                c.key = c.ch.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
                if (connected) {
                    c.engine.beginHandshake();
                    pump(c);
                }
            } catch (IOException | RuntimeException e) {
                fail(c, "connect: " + e);
            }
        }

        /** Drives the engine: handshake steps, unwrapping what was read, and parsing answers. */
        private void pump(Conn c) {
            try {
                while (!c.closed && !c.tasking) {
                    HandshakeStatus hs = c.engine.getHandshakeStatus();
                    if (hs == HandshakeStatus.NEED_TASK && !c.handshaking) {
                        // after the handshake (TLS 1.3 session tickets): cheap, run here so the engine is never
                        // busy while the loop may write a request on this connection
                        Runnable task;
                        while ((task = c.engine.getDelegatedTask()) != null) {
                            task.run();
                        }
                        continue;
                    }
                    if (hs == HandshakeStatus.NEED_TASK) {
                        c.tasking = true;
                        c.key.interestOps(0); // no busy loop on a readable socket while the tasks run
                        handshakeTasks.execute(() -> {
                            Runnable task;
                            while ((task = c.engine.getDelegatedTask()) != null) {
                                task.run();
                            }
                            tasksDone.add(c);
                            selector.wakeup();
                        });
                        return;
                    }
                    if (hs == HandshakeStatus.NEED_WRAP) {
                        SSLEngineResult res = c.engine.wrap(ByteBuffer.allocate(0), c.netOut);
                        if (res.getStatus() == SSLEngineResult.Status.CLOSED) {
                            fail(c, "TLS closed during handshake");
                            return;
                        }
                        if (!flush(c)) {
                            c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                            return;
                        }
                        continue;
                    }
                    if (c.handshaking && hs == HandshakeStatus.NOT_HANDSHAKING) {
                        handshakeDone(c);
                        if (c.closed) {
                            return;
                        }
                    }
                    if (c.netIn.position() == 0) {
                        return; // nothing read yet: wait for OP_READ
                    }
                    c.netIn.flip();
                    SSLEngineResult res = c.engine.unwrap(c.netIn, c.appIn);
                    c.netIn.compact();
                    switch (res.getStatus()) {
                        case BUFFER_UNDERFLOW -> {
                            if (c.netIn.position() == c.netIn.capacity()) {
                                c.netIn = grow(c.netIn);
                            }
                            return; // a partial record: wait for more
                        }
                        case BUFFER_OVERFLOW -> {
                            parse(c);
                            if (c.appIn.remaining() < appSize) {
                                c.appIn = grow(c.appIn);
                            }
                            continue;
                        }
                        case CLOSED -> {
                            fail(c, "TLS close_notify from the server");
                            return;
                        }
                        case OK -> {}
                    }
                    if (res.getHandshakeStatus() == HandshakeStatus.FINISHED && c.handshaking) {
                        handshakeDone(c);
                    }
                    if (c.appIn.position() > 0) {
                        parse(c);
                    }
                    if (res.bytesConsumed() == 0
                            && res.bytesProduced() == 0
                            && c.engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                fail(c, (c.handshaking ? "handshake: " : "read: ") + e);
            }
        }

        private static ByteBuffer grow(ByteBuffer b) {
            ByteBuffer bigger = ByteBuffer.allocate(b.capacity() * 2);
            b.flip();
            bigger.put(b);
            return bigger;
        }

        private void handshakeDone(Conn c) {
            c.handshaking = false;
            handshaking--;
            release(c, System.nanoTime());
        }

        /** Writes what {@code netOut} holds; false when the socket buffer is full (wait for OP_WRITE). */
        private static boolean flush(Conn c) throws IOException {
            c.netOut.flip();
            try {
                while (c.netOut.hasRemaining()) {
                    if (c.ch.write(c.netOut) == 0) {
                        return false;
                    }
                }
                return true;
            } finally {
                c.netOut.compact();
            }
        }

        /** Parses whole HTTP/1.1 answers out of {@code appIn} (Content-Length bodies; the webhook always sets it). */
        private void parse(Conn c) throws IOException {
            ByteBuffer b = c.appIn;
            b.flip();
            try {
                while (true) {
                    int start = b.position();
                    int end = headerEnd(b, start);
                    if (end < 0) {
                        if (b.remaining() > 64 * 1024) {
                            throw new IOException("answer headers longer than 64 KiB");
                        }
                        return;
                    }
                    String head = new String(b.array(), start, end - start, StandardCharsets.ISO_8859_1);
                    if (!head.startsWith("HTTP/1.")) {
                        throw new IOException(
                                "bad status line: " + head.lines().findFirst().orElse(""));
                    }
                    int status = Integer.parseInt(head.substring(9, 12));
                    long length = -1;
                    boolean closeAfter = false;
                    for (String h : head.split("\r\n")) {
                        int colon = h.indexOf(':');
                        if (colon < 0) {
                            continue;
                        }
                        String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                        String value = h.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                        switch (name) {
                            case "content-length" -> length = Long.parseLong(value);
                            case "transfer-encoding" -> throw new IOException("chunked answer (not supported here)");
                            case "connection" -> closeAfter = value.contains("close");
                            default -> {}
                        }
                    }
                    if (length < 0) {
                        throw new IOException("answer without Content-Length");
                    }
                    int bodyStart = end + 4;
                    if (b.limit() - bodyStart < length) {
                        if (bodyStart + length > b.capacity()) {
                            b.position(start);
                            b.compact();
                            c.appIn = ByteBuffer.allocate((int) (end - start + 4 + length + appSize));
                            b.flip();
                            c.appIn.put(b);
                            c.appIn.flip();
                            b = c.appIn;
                        } else {
                            b.position(start);
                        }
                        return; // body not complete yet
                    }
                    boolean shedMarker = contains(b.array(), bodyStart, (int) length, SHED_MARKER);
                    b.position(bodyStart + (int) length);
                    long now = System.nanoTime();
                    Req r = c.current;
                    if (r == null) {
                        throw new IOException("answer without a request");
                    }
                    c.current = null;
                    Outcome o = status != 200 ? Outcome.OTHER_STATUS : shedMarker ? Outcome.SHED : Outcome.OK;
                    finish(r, o, now, c.wroteAt, o == Outcome.OTHER_STATUS ? "HTTP " + status : null);
                    if (closeAfter) {
                        close(c);
                        return;
                    }
                    release(c, now);
                }
            } finally {
                if (!c.closed) {
                    b.compact();
                }
            }
        }

        private static int headerEnd(ByteBuffer b, int from) {
            byte[] a = b.array();
            for (int i = from; i + 3 < b.limit(); i++) {
                if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private static boolean contains(byte[] a, int from, int length, byte[] marker) {
            outer:
            for (int i = from; i + marker.length <= from + length; i++) {
                for (int j = 0; j < marker.length; j++) {
                    if (a[i + j] != marker[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        private void fail(Conn c, String why) {
            Req r = c.current;
            c.current = null;
            boolean wasHandshaking = c.handshaking;
            close(c);
            if (r != null) {
                finish(r, Outcome.CONN_ERROR, System.nanoTime(), 0, why);
            } else if (wasHandshaking) {
                connErrors++; // counted even outside the measured window: a connection that could not be opened
                if (firstError == null) {
                    firstError = why;
                }
            }
        }

        private void close(Conn c) {
            if (c.closed) {
                return;
            }
            c.closed = true;
            boolean wasHandshaking = c.handshaking;
            if (c.handshaking) {
                c.handshaking = false;
                handshaking--;
            }
            open--;
            idle.remove(c);
            try {
                if (c.key != null) {
                    c.key.cancel();
                }
                if (c.ch != null) {
                    c.ch.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            // requests waiting in the client get a new connection (the API server dials on demand); not after a
            // failed handshake (the next request dials again)
            if (!wasHandshaking && !pending.isEmpty() && open < maxConnections) {
                try {
                    connect();
                    connectionsOpened++;
                } catch (IOException e) {
                    if (firstError == null) {
                        firstError = "connect: " + e;
                    }
                }
            }
        }

        /**
         * Adds another loop's counts and histograms (a generator with several loops prints one line). CPU time is
         * the process's over the measured window, which both loops measured: the larger of the two is kept.
         */
        void add(Loop other) {
            latency.add(other.latency);
            onWire.add(other.onWire);
            sendLag.add(other.sendLag);
            ok += other.ok;
            shed += other.shed;
            otherStatus += other.otherStatus;
            connErrors += other.connErrors;
            timeouts += other.timeouts;
            expiredInClient += other.expiredInClient;
            late += other.late;
            queuedInClient += other.queuedInClient;
            connectionsOpened += other.connectionsOpened;
            maxOpen += other.maxOpen;
            outstanding += other.outstanding;
            sent += other.sent;
            if (firstError == null) {
                firstError = other.firstError;
            }
            measuredNanos = Math.max(measuredNanos, other.measuredNanos);
            cpuNanos = Math.max(cpuNanos, other.cpuNanos);
            cpuRequests += other.cpuRequests;
        }

        void print(String phase, String mode, double target) {
            double seconds = measuredNanos / 1e9;
            long answered = ok + shed;
            long errors = otherStatus + connErrors + timeouts + expiredInClient;
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
                    ok / seconds,
                    answered,
                    ok,
                    shed,
                    otherStatus,
                    connErrors,
                    timeouts,
                    expiredInClient,
                    late,
                    errors,
                    shed,
                    sent,
                    queuedInClient,
                    connectionsOpened,
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
                    outstanding,
                    firstError == null ? "" : " first_error=\"" + firstError.replace('"', '\'') + "\"");
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }
    }

    /** One keep-alive TLS connection; owned by the event loop. */
    static final class Conn {
        SocketChannel ch;
        SelectionKey key;
        SSLEngine engine;
        ByteBuffer netIn;
        ByteBuffer netOut;
        ByteBuffer appIn;
        Req current;
        long wroteAt;
        boolean handshaking;
        volatile boolean tasking;
        boolean closed;
    }
}
