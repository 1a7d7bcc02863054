package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentmain}: attached to a running application whose servlet classes are already loaded. */
class RuntimeAttachIT {
    @TempDir
    Path tmp;

    @Test
    void attachingAtRuntimeInstrumentsAlreadyLoadedServlets() throws Exception {
        try (SampleApp app = SampleApp.start("jetty12", SampleApp.java17(), null)) {
            assertThat(app.get("/items/1")).isEqualTo(200); // HttpServlet is loaded and in use
            Path portFile = tmp.resolve("port");

            VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
            try {
                vm.loadAgent(SampleApp.AGENT_JAR.toAbsolutePath().toString(), "port=0,portFile=" + portFile);
            } finally {
                vm.detach();
            }

            assertThat(portFile).exists();
            int metricsPort = Integer.parseInt(Files.readString(portFile).trim());
            assertThat(app.get("/items/2")).isEqualTo(200);
            String text = SampleApp.HTTP
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(text)
                    .contains("http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                            + "outcome=\"SUCCESS\",status=\"200\",uri=\"/items/{id}\"} 1")
                    .contains("metrics_agent_info");
        }
    }
}
