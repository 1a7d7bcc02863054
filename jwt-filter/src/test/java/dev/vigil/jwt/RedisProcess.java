package dev.vigil.jwt;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real redis-server (Debian's package) on a free loopback port with its own temp dir and append-only file. */
final class RedisProcess implements AutoCloseable {
    final int port;
    final Path dir;
    private final List<String> extra;
    private Process process;

    private RedisProcess(int port, Path dir, List<String> extra) {
        this.port = port;
        this.dir = dir;
        this.extra = extra;
    }

    static Optional<Path> binary() {
        return Stream.concat(
                        Stream.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")
                                .map(Path::of),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                                .filter(p -> !p.isEmpty())
                                .map(p -> Path.of(p, "redis-server")))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static RedisProcess start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return start(port, List.of());
    }

    /** On {@code port}, with more redis-server options (e.g. cluster mode). */
    static RedisProcess start(int port, List<String> extra) throws Exception {
        RedisProcess r = new RedisProcess(port, Files.createTempDirectory("vigil-redis"), extra);
        r.launch();
        return r;
    }

    void launch() throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                binary().orElseThrow().toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toString(),
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--save",
                "",
                "--protected-mode",
                "yes"));
        command.addAll(extra);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        for (int i = 0; i < 100; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
