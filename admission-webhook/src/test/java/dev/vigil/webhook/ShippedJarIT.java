package dev.vigil.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The jar users run (and the image ships) carries no fail-open switch: the benchmark's fixed-answer server lives
 * in {@code benchmarks/webhook}, not here (issue 15).
 */
class ShippedJarIT {
    static final Path JAR = Path.of(System.getProperty("vigil.webhook.jar", "target/admission-webhook.jar"));
    static final List<String> FORBIDDEN = List.of("transport-only", "transportonly", "fixed allowed");

    @Test
    void noClassOrResourceOfTheJarMentionsTheTransportOnlyMode() throws IOException {
        assertThat(JAR).isRegularFile();
        List<String> hits = new ArrayList<>();
        int ours = 0;
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                if (e.getName().startsWith("dev/vigil/webhook/")) {
                    ours++;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    // class-file constant pools keep ASCII names as they are; lower-case both sides
                    String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                    for (String f : FORBIDDEN) {
                        if (text.contains(f)) {
                            hits.add(e.getName() + " contains '" + f + "'");
                        }
                    }
                }
            }
        }
        assertThat(ours).as("webhook classes in %s", JAR).isGreaterThan(20);
        assertThat(hits).isEmpty();
    }

    @Test
    void serveHelpOfTheJarListsNoTransportOnlyOption() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-jar", JAR.toString(), "serve", "--help")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("--tls-cert", "--drain-timeout");
        assertThat(out.toLowerCase(Locale.ROOT)).doesNotContain("transport-only");
    }
}
