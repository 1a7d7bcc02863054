import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Thread pools used before and after the agent is attached at run time. {@code GET /pool} creates a pool with threads
 * named {@code late-worker-N}, runs 5 tasks on it and shuts it down; {@code GET /reject} makes the pool {@code early},
 * created at start (so before any attach), reject 2 tasks. Prints LISTENING with its port.
 */
public final class PoolsLater {
    public static void main(String[] args) throws Exception {
        ThreadPoolExecutor early = new ThreadPoolExecutor(
                1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>(), new PoolsApp.Named("early-"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            String answer = "ok\n";
            try {
                if (exchange.getRequestURI().getPath().equals("/pool")) {
                    // a queue, not a hand-off: with a SynchronousQueue the next submit could find both workers still
                    // finishing the previous task and be rejected (seen under load)
                    ThreadPoolExecutor late = new ThreadPoolExecutor(
                            2,
                            2,
                            0,
                            TimeUnit.SECONDS,
                            new java.util.concurrent.LinkedBlockingQueue<>(),
                            new PoolsApp.Named("late-worker-"));
                    late.prestartAllCoreThreads();
                    for (int i = 0; i < 5; i++) {
                        late.submit(() -> {}).get();
                    }
                    late.shutdown();
                    late.awaitTermination(10, TimeUnit.SECONDS);
                } else if (exchange.getRequestURI().getPath().equals("/reject")) {
                    CountDownLatch release = new CountDownLatch(1);
                    early.execute(() -> {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    for (int i = 0; i < 2; i++) {
                        try {
                            early.execute(() -> {});
                        } catch (RejectedExecutionException expected) {
                            answer += "rejected\n";
                        }
                    }
                    release.countDown();
                }
            } catch (Exception e) {
                answer = e.toString();
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("LISTENING " + server.getAddress().getPort());
        Thread.sleep(Long.MAX_VALUE);
    }
}
