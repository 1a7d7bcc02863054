package dev.vigil.webhook.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded stage where admission decisions run: a fixed number of worker threads and a bounded queue. Jetty's
 * I/O threads only read bodies and hand them over; when the queue is full the caller sheds the request at once,
 * and a worker sheds a request that waited longer than its budget, so every answer is sent well before the API
 * server's {@code ?timeout=} deadline — never late.
 */
final class WorkerPool {
    private final ThreadPoolExecutor executor;

    WorkerPool(int workers, int queueCapacity) {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                workers,
                workers,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity),
                r -> {
                    Thread t = new Thread(r, "vigil-admission-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
        executor.prestartAllCoreThreads();
    }

    /** Runs {@code task} on a worker; false when the queue is full (the caller must shed). */
    boolean offer(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    int queued() {
        return executor.getQueue().size();
    }

    /** Lets queued work finish, up to {@code millis}. */
    void shutdown(long millis) throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
}
