package dev.vigil.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overload by connections (issue 15): when the webhook's acceptor falls behind — a GC pause, a CPU-starved pod, the
 * API server reconnecting hundreds of connections after timeouts — new connections must wait in the kernel's listen
 * queue, not be dropped: a dropped SYN is retried after 1 s, then 3 s, so the request times out (the API server's
 * deadline is 3 s) instead of getting its answer or an explicit 429. The real server (the shipped jar, its own
 * process) is frozen with SIGSTOP while 300 connections are opened, as a stalled acceptor; all of them must be
 * established, and after SIGCONT the server answers on them. With the JDK's default backlog of 50 only ~51 were.
 */
@EnabledOnOs(OS.LINUX)
class AcceptBacklogIT {
    static final int CONNECTIONS = 300;

    @TempDir
    Path dir;

    @Test
    void connectionsOpenedWhileTheAcceptorStallsAreQueuedNotDropped() throws Exception {
        TestPki pki = TestPki.create(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process server = new ProcessBuilder(
                        java.toString(),
                        "-Xmx256m",
                        "-jar",
                        ShippedJarIT.JAR.toString(),
                        "serve",
                        "--no-kube",
                        "--address",
                        "127.0.0.1",
                        "--port",
                        String.valueOf(port),
                        "--tls-cert",
                        pki.tlsCert().toString(),
                        "--tls-key",
                        pki.tlsKey().toString(),
                        "--shutdown-delay",
                        "0s")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile())
                .start();
        List<SocketChannel> sockets = new ArrayList<>();
        try {
            ApiServerClient client = new ApiServerClient(pki.caCert(), port);
            awaitReady(client, server);

            signal("STOP", server);
            int established = 0;
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    SocketChannel c = SocketChannel.open();
                    sockets.add(c);
                    c.configureBlocking(false);
                    c.connect(new InetSocketAddress("127.0.0.1", port));
                }
                // 800 ms: a dropped SYN is retried only after 1 s, so what is not established by then was dropped
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
                while (established < CONNECTIONS && System.nanoTime() < until) {
                    established = 0;
                    for (SocketChannel c : sockets) {
                        if (c.isConnected() || c.finishConnect()) {
                            established++;
                        }
                    }
                    Thread.sleep(20);
                }
            } finally {
                signal("CONT", server);
            }
            assertThat(established)
                    .as("connections established while the server was stopped (listen backlog)")
                    .isEqualTo(CONNECTIONS);
            HttpResponse<String> ready = client.get("/readyz");
            assertThat(ready.statusCode()).isEqualTo(200);
        } finally {
            for (SocketChannel s : sockets) {
                closeQuietly(s);
            }
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private void awaitReady(ApiServerClient client, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as(log()).isTrue();
            try {
                if (client.get("/readyz").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server not ready in 60 s: " + log());
    }

    private String log() {
        try {
            return java.nio.file.Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void signal(String sig, Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + sig, String.valueOf(p.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private static void closeQuietly(SocketChannel s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
