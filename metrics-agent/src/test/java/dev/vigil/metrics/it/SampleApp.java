package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A sample application (from {@code src/it/samples/<name>}) running in a child JVM, by default with the packaged agent
 * jar attached. The sources are compiled once per test JVM against the container jars that the build copied to
 * {@code target/it-lib/<name>}; the child's class path holds only those, as a real deployment would.
 */
public final class SampleApp implements AutoCloseable {
    static final Path AGENT_JAR = Path.of(System.getProperty("vigil.it.agentJar", "target/metrics-agent.jar"));
    static final Path LIB = Path.of(System.getProperty("vigil.it.lib", "target/it-lib"));
    static final Path SAMPLES = Path.of(System.getProperty("vigil.it.samples", "src/it/samples"));
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern LISTENING = Pattern.compile("LISTENING (\\d+)");
    private static final Map<String, Path> COMPILED = new ConcurrentHashMap<>();

    /** How long a request to the application may take before the test fails with a thread dump of the child. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final int port;
    private final int metricsPort;
    private final String javaHome;

    private SampleApp(Process process, Path log, int port, int metricsPort, String javaHome) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.metricsPort = metricsPort;
        this.javaHome = javaHome;
    }

    /** The Java homes to run on: 17 and 25 (skipped if that JDK is missing). */
    static String java17() {
        Path debian = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        return Files.isDirectory(debian) ? debian.toString() : System.getProperty("java.home");
    }

    static String java25() {
        return System.getProperty("vigil.it.java25", "/usr/lib/jvm/temurin-25-jdk-amd64");
    }

    /** Builder-ish entry: {@code SampleApp.start("tomcat11", java17(), "port=0")}. */
    static SampleApp start(String sample, String javaHome, String agentArgs) throws Exception {
        return start(sample, javaHome, agentArgs, List.of(sample), "SampleApp", List.of(), "0");
    }

    static SampleApp start(
            String sample,
            String javaHome,
            String agentArgs,
            List<String> libs,
            String mainClass,
            List<String> sourceDirs,
            String appPort)
            throws Exception {
        return start(sample, javaHome, agentArgs, libs, mainClass, sourceDirs, appPort, List.of());
    }

    /** Like the other {@code start}, with JVM options for the child (e.g. {@code -Duser.home=...}). */
    static SampleApp start(
            String sample,
            String javaHome,
            String agentArgs,
            List<String> libs,
            String mainClass,
            List<String> sourceDirs,
            String appPort,
            List<String> jvmOptions)
            throws Exception {
        List<String> sources = new ArrayList<>(sourceDirs);
        sources.add(0, sample);
        Path classes = compile(sources, libs);
        Path work = Files.createTempDirectory("vigil-it-" + sample);
        Path portFile = work.resolve("metrics.port");
        Path log = work.resolve("app.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(javaHome, "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(jvmOptions);
        if (agentArgs != null) {
            String args = agentArgs.isEmpty() ? "portFile=" + portFile : agentArgs + ",portFile=" + portFile;
            cmd.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + "=" + args);
        }
        cmd.add("-cp");
        cmd.add(classpath(classes, libs));
        cmd.add(mainClass);
        cmd.add(appPort);
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        int port = waitForListening(p, log);
        int metricsPort = -1;
        if (agentArgs != null) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Files.exists(portFile) && System.nanoTime() < deadline && p.isAlive()) {
                if (Files.readString(log).contains("[vigil-metrics] WARN")) {
                    break;
                }
                Thread.sleep(50);
            }
            if (Files.exists(portFile)) {
                metricsPort = Integer.parseInt(Files.readString(portFile).trim());
            }
        }
        return new SampleApp(p, log, port, metricsPort, javaHome);
    }

    private static int waitForListening(Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = LISTENING.matcher(text);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!p.isAlive()) {
                throw new AssertionError("sample app exited with " + p.exitValue() + ":\n" + text);
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new AssertionError("sample app did not start in time:\n" + Files.readString(log));
    }

    private static synchronized Path compile(List<String> sourceDirs, List<String> libs) throws IOException {
        String key = String.join("+", sourceDirs) + "@" + String.join("+", libs);
        Path cached = COMPILED.get(key);
        if (cached != null) {
            return cached;
        }
        Path out = Path.of("target", "it-samples", key.replace('@', '_').replace('+', '_'));
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(
                List.of("--release", "17", "-nowarn", "-d", out.toString(), "-cp", classpath(null, libs)));
        for (String dir : sourceDirs) {
            try (Stream<Path> files = Files.list(SAMPLES.resolve(dir))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, args.toArray(String[]::new));
        assertThat(rc).as("compiling sample %s", sourceDirs).isZero();
        COMPILED.put(key, out);
        return out;
    }

    private static String classpath(Path classes, List<String> libs) throws IOException {
        List<String> entries = new ArrayList<>();
        if (classes != null) {
            entries.add(classes.toAbsolutePath().toString());
        }
        for (String lib : libs) {
            Path dir = LIB.resolve(lib);
            assertThat(dir)
                    .as("jars for %s (copied by the build in pre-integration-test)", lib)
                    .isDirectory();
            try (Stream<Path> jars = Files.list(dir)) {
                entries.addAll(jars.filter(j -> j.toString().endsWith(".jar"))
                        .map(j -> j.toAbsolutePath().toString())
                        .sorted()
                        .collect(Collectors.toList()));
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** GET on the application; returns the status. Headers as name, value pairs. */
    int get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(REQUEST_TIMEOUT);
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<Void> r = send(b.build(), HttpResponse.BodyHandlers.discarding());
        return r.statusCode();
    }

    /** GET on the application; returns the body (status 200 expected). */
    String body(String path) throws Exception {
        HttpResponse<String> r = send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(REQUEST_TIMEOUT)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s", path).isEqualTo(200);
        return r.body();
    }

    /**
     * Sends a request to the application; when it does not answer in time, fails with the child's thread dump (and
     * the end of its log), taken while the request is still pending, so that a hang on a CI machine can be diagnosed.
     */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws Exception {
        try {
            return HTTP.send(request, handler);
        } catch (java.net.http.HttpTimeoutException e) {
            AssertionError failure = new AssertionError(
                    request.method() + " " + request.uri() + " got no answer in "
                            + request.timeout().map(Duration::toString).orElse("time") + " (sample app alive: "
                            + process.isAlive() + "); thread dump of the sample app:\n" + threadDump()
                            + "\nend of its log:\n" + tail(log(), 4000),
                    e);
            throw failure;
        }
    }

    /** {@code jcmd <pid> Thread.print} of the child (with the child's own JDK), or why there is none. */
    String threadDump() {
        try {
            Process jcmd = new ProcessBuilder(
                            Path.of(javaHome, "bin", "jcmd").toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true)
                    .start();
            byte[] out = jcmd.getInputStream().readAllBytes();
            jcmd.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "(no thread dump: " + e + ")";
        }
    }

    private static String tail(String text, int chars) {
        return text.length() <= chars ? text : "…" + text.substring(text.length() - chars);
    }

    /** The scrape endpoint's body, text format unless an Accept header is given. */
    String scrape(String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"));
        if (accept != null) {
            b.header("Accept", accept);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("scrape status").isEqualTo(200);
        return r.body();
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    int metricsPort() {
        return metricsPort;
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
