import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Outgoing java.net.HttpURLConnection calls to a local server and a few thread pools, for the agent's integration
 * test. Prints LISTENING with its server's port once done, then stays up to be scraped.
 *
 * <p>HTTP: GET 200 three ways (getInputStream; getResponseCode then getInputStream; getHeaderField only), POST 200,
 * 404 twice (getResponseCode; getInputStream throwing FileNotFoundException), connection refused over http
 * (127.0.0.1) and https (localhost), one HTTPS GET 200 (localhost, keytool-made certificate). Pools: "orders-worker" completes 25 tasks, "tiny" rejects 3, "ticker" is a
 * scheduled pool, and 300 single-thread executors created per "request" by this class and shut down.
 */
public final class PoolsApp {
    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        HttpHandler handler = exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
            int status = exchange.getRequestURI().getPath().startsWith("/missing") ? 404 : 200;
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        };
        server.createContext("/", handler);
        server.start();
        int port = server.getAddress().getPort();
        String base = "http://127.0.0.1:" + port;

        read(open(base + "/a/1?token=secret").getInputStream());
        HttpURLConnection twice = open(base + "/a/2");
        check(twice.getResponseCode() == 200, "status");
        read(twice.getInputStream());
        check("text/plain".equals(open(base + "/a/3").getHeaderField("Content-Type")), "header");

        HttpURLConnection post = open(base + "/submit");
        post.setRequestMethod("POST");
        post.setDoOutput(true);
        try (OutputStream out = post.getOutputStream()) {
            out.write("a=1".getBytes(StandardCharsets.UTF_8));
        }
        check(post.getResponseCode() == 200, "post");

        check(open(base + "/missing/1").getResponseCode() == 404, "404");
        try {
            read(open(base + "/missing/2").getInputStream());
            throw new AssertionError("expected FileNotFoundException");
        } catch (FileNotFoundException expected) {
            // a 404 read through getInputStream
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        refused("http://127.0.0.1:" + closed + "/refused?token=secret");
        https(handler);
        refused("https://localhost:" + closed + "/refused");

        pools();
        System.out.println("LISTENING " + port);
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void pools() throws Exception {
        ThreadPoolExecutor orders = new ThreadPoolExecutor(
                2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new Named("orders-worker-"));
        for (int i = 0; i < 25; i++) {
            orders.execute(() -> {});
        }
        while (orders.getCompletedTaskCount() < 25) {
            Thread.sleep(5);
        }

        ThreadPoolExecutor tiny =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>(), new Named("tiny-"));
        CountDownLatch release = new CountDownLatch(1);
        tiny.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int rejected = 0;
        for (int i = 0; i < 3; i++) {
            try {
                tiny.execute(() -> {});
            } catch (RejectedExecutionException expected) {
                rejected++;
            }
        }
        check(rejected == 3, "rejections");
        release.countDown();

        ScheduledThreadPoolExecutor ticker = new ScheduledThreadPoolExecutor(1, new Named("ticker-"));
        ticker.scheduleAtFixedRate(() -> {}, 0, 1, TimeUnit.HOURS);

        for (int i = 0; i < 300; i++) { // one pool per "request": one name, not 300
            ExecutorService perRequest = Executors.newSingleThreadExecutor();
            perRequest.submit(() -> {}).get();
            perRequest.shutdown();
        }
        System.gc();
    }

    /** One HTTPS GET to a local HttpsServer with a throw-away certificate made by keytool. */
    private static void https(HttpHandler handler) throws Exception {
        Path ks = Files.createTempDirectory("pools-tls").resolve("local.p12");
        char[] pass = "changeit".toCharArray();
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "local",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=dns:localhost",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        ks.toString(),
                        "-storepass",
                        "changeit")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        check(keytool.waitFor() == 0, "keytool");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, pass);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, pass);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", handler);
        server.start();
        HttpsURLConnection c = (HttpsURLConnection)
                open("https://localhost:" + server.getAddress().getPort() + "/secure/1?token=secret");
        c.setSSLSocketFactory(tls.getSocketFactory());
        check(c.getResponseCode() == 200, "https");
        read(c.getInputStream());
    }

    private static HttpURLConnection open(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        return c;
    }

    private static void refused(String url) throws IOException {
        try {
            open(url).getResponseCode();
            throw new AssertionError("expected ConnectException from " + url);
        } catch (ConnectException expected) {
            // nothing listens there
        }
    }

    private static void read(InputStream in) throws IOException {
        try (in) {
            in.readAllBytes();
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    /** A thread factory with a name prefix, as applications write them. */
    static final class Named implements ThreadFactory {
        private final String namePrefix;
        private final AtomicInteger count = new AtomicInteger();

        Named(String namePrefix) {
            this.namePrefix = namePrefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, namePrefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
