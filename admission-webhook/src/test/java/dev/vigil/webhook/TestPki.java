package dev.vigil.webhook;

import dev.vigil.webhook.ops.DevCertificates;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A throw-away CA and serving certificate for {@code localhost} and {@code 127.0.0.1}, made by the real code. */
public record TestPki(Path dir) {
    public static TestPki create(Path dir) throws IOException {
        DevCertificates.issue(List.of("localhost", "127.0.0.1"), dir, Duration.ofDays(1));
        return new TestPki(dir);
    }

    public Path caCert() {
        return dir.resolve(DevCertificates.CA_CERT);
    }

    public Path tlsCert() {
        return dir.resolve(DevCertificates.TLS_CERT);
    }

    public Path tlsKey() {
        return dir.resolve(DevCertificates.TLS_KEY);
    }
}
