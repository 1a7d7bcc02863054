package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentmain} on an application that already loaded and used {@code ThreadPoolExecutor}: the class is
 * retransformed (the woven code adds no member, so that is allowed), pools created afterwards are measured, and a pool
 * created before the attach is picked up when it rejects a task.
 */
class PoolsAttachIT {
    @TempDir
    Path tmp;

    @Test
    void poolsCreatedAfterARuntimeAttachAreMeasured() throws Exception {
        try (SampleApp app =
                SampleApp.start("pools", SampleApp.java17(), null, List.of(), "PoolsLater", List.of(), "0")) {
            assertThat(app.get("/pool")).isEqualTo(200); // ThreadPoolExecutor loaded and used before the attach
            Path portFile = tmp.resolve("port");

            VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
            try {
                vm.loadAgent(SampleApp.AGENT_JAR.toAbsolutePath().toString(), "port=0,portFile=" + portFile);
            } finally {
                vm.detach();
            }
            assertThat(portFile).exists();
            int metricsPort = Integer.parseInt(Files.readString(portFile).trim());

            assertThat(app.get("/pool")).isEqualTo(200);
            assertThat(app.get("/reject")).isEqualTo(200);
            String text = SampleApp.HTTP
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(text)
                    .as("only the pool created after the attach")
                    .contains("executor_completed_tasks_total{name=\"late-worker\"} 5.0\n")
                    .contains("executor_rejected_tasks_total{name=\"early\"} 2.0\n");
            assertThat(app.log()).doesNotContain("WARN");
        }
    }
}
