package dev.vigil.metrics.agent.guard.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console and file sinks, and the spec grammar. The HTTP sink: {@link HttpSinkTest}. */
class EventSinksTest {
    @TempDir
    Path tmp;

    @Test
    void fileSinkAppendsOneFlushedLinePerEvent() throws Exception {
        Path file = tmp.resolve("events.jsonl");
        Files.writeString(file, "{\"earlier\":true}\n");
        List<EventSink> sinks = EventSinks.open(List.of(file.toString()));
        try {
            EventSink sink = sinks.get(0);
            sink.write("{\"rule\":\"a\"}");
            assertThat(Files.readAllLines(file)).as("flushed at once").hasSize(2);
            sink.write("{\"rule\":\"b\",\n\"x\":1}");
            assertThat(Files.readAllLines(file))
                    .containsExactly("{\"earlier\":true}", "{\"rule\":\"a\"}", "{\"rule\":\"b\", \"x\":1}");
        } finally {
            sinks.forEach(EventSink::close);
        }
        sinks.get(0).write("{\"after\":\"close\"}");
        assertThat(sinks.get(0).dropped()).isEqualTo(1);
        assertThat(Files.readAllLines(file)).hasSize(3);
    }

    @Test
    void concurrentWritersNeverSplitALine() throws Exception {
        Path file = tmp.resolve("events.jsonl");
        EventSink sink = EventSinks.open(List.of(file.toString())).get(0);
        String event = "{\"output\":\"" + "x".repeat(2_000) + "\"}";
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    sink.write(event);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        sink.close();
        assertThat(Files.readAllLines(file)).hasSize(800).allMatch(event::equals);
    }

    @Test
    void consoleSinksWriteOneLineToTheCurrentStream() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EventSink sink = EventSinks.open(List.of("stderr")).get(0);
            sink.write("{\"rule\":\"a\"}");
            sink.write("{\"rule\":\r\n\"b\"}");
            sink.close();
            sink.write("{\"rule\":\"after-close\"}");
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("{\"rule\":\"a\"}", "{\"rule\":  \"b\"}");
    }

    @Test
    void opensEverySpecInOrder() {
        List<EventSink> sinks = EventSinks.open(
                List.of("stdout", "stderr", tmp.resolve("a.jsonl").toString(), "http://127.0.0.1:9/"));
        try {
            assertThat(sinks)
                    .extracting(Object::toString)
                    .containsExactly("stdout", "stderr", "file " + tmp.resolve("a.jsonl"), "http http://127.0.0.1:9/");
        } finally {
            sinks.forEach(EventSink::close);
        }
        assertThat(EventSinks.open(List.of())).isEmpty();
        assertThat(EventSinks.open(null)).isEmpty();
    }

    @Test
    void badSpecsAreOneLineErrorsNamingTheSpec() {
        String expected = "expected stderr, stdout, a file path or an http(s):// URL";
        assertBad("", "guard.output '': is empty, " + expected);
        assertBad("ftp://collector/x", "guard.output 'ftp://collector/x': unsupported scheme 'ftp', " + expected);
        assertBad("http://", "guard.output 'http://': is not a valid URL (Expected authority)");
        assertBad(
                "http:///events",
                "guard.output 'http:///events': has no host name, expected e.g." + " http://falcosidekick:2801/");
        assertBad("https://c/#frag", "guard.output 'https://c/#…': has a #fragment, expected none");
        Path noFolder = tmp.resolve("no/such/events.jsonl");
        assertBad(
                noFolder.toString(),
                "guard.output '" + noFolder + "': folder " + noFolder.getParent()
                        + " does not exist, expected an existing folder");
        assertBad(tmp.toString(), "guard.output '" + tmp + "': is a folder, expected a file");
        assertBad("events\n.jsonl", "guard.output 'events .jsonl': contains a control character, " + expected);
        assertThatThrownBy(() -> EventSinks.open(List.of("stderr", "stderr")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("guard.output 'stderr': is given twice");
    }

    @Test
    void urlCredentialsAndQueriesNeverAppearInMessages() {
        assertBad(
                "https://user:s3cret@/x?token=t0ken",
                "guard.output 'https://***@/x?…': has no host name, expected e.g. http://falcosidekick:2801/");
        assertThatThrownBy(() -> EventSinks.open(List.of("http://u:s3cret@c/?t=t0ken", "http://u:s3cret@c/?t=t0ken")))
                .hasMessage("guard.output 'http://***@c/?…': is given twice");
        assertThat(EventSinks.shown("https://u:p@w@host:8443/p?q#f")).isEqualTo("https://***@host:8443/p?…");
    }

    @Test
    void aBadSpecClosesTheSinksAlreadyOpened() {
        Path file = tmp.resolve("first.jsonl");
        assertThatThrownBy(() -> EventSinks.open(List.of(file.toString(), "gopher://x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            // closed: the file handle is released (a new sink can append) and no thread is left behind
            EventSink again = EventSinks.open(List.of(file.toString())).get(0);
            again.write("{}");
            again.close();
        });
    }

    private static void assertBad(String spec, String message) {
        assertThatThrownBy(() -> EventSinks.open(List.of(spec)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
