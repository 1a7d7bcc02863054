package dev.vigil.metrics.it;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** External tools the ITs use (promtool, prometheus), found on the PATH. */
final class Tools {
    private Tools() {}

    static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (p.toFile().canExecute()) {
                return p;
            }
        }
        return null;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs {@code promtool check metrics} on the text; returns exit code and output. */
    static Result promtoolCheckMetrics(Path promtool, String exposition) throws Exception {
        Process p = new ProcessBuilder(List.of(promtool.toString(), "check", "metrics"))
                .redirectErrorStream(true)
                .start();
        try (var in = p.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new Result(p.exitValue(), out);
    }

    /**
     * Rewrites an OpenMetrics 1.0 exposition into the Prometheus text format 0.0.4, line by line, so that promtool 2.x
     * (whose {@code check metrics} parses only the text format) can lint its names, types, units and help texts.
     * Counter and info families get their sample suffix back, {@code _created} samples, {@code # UNIT} and
     * {@code # EOF} go, and help escaping follows the text format. Nothing else is changed.
     */
    static String openMetricsAsText(String om) {
        List<String> out = new ArrayList<>();
        String family = null;
        String suffix = "";
        for (String line : om.split("\n", -1)) {
            if (line.equals("# EOF") || line.startsWith("# UNIT ") || line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] p = line.split(" ");
                family = p[2];
                suffix = p[3].equals("counter") ? "_total" : p[3].equals("info") ? "_info" : "";
                String type = p[3].equals("info") ? "gauge" : p[3];
                out.add("# TYPE " + family + suffix + " " + type);
            } else if (line.startsWith("# HELP ")) {
                String rest = line.substring(7);
                String name = rest.split(" ", 2)[0];
                String help = rest.substring(name.length()).replace("\\\"", "\"");
                out.add("# HELP " + name + (name.equals(family) ? suffix : "") + help);
            } else if (family != null && line.startsWith(family + "_created")) {
                continue;
            } else {
                out.add(line);
            }
        }
        return String.join("\n", out) + "\n";
    }

    record Result(int exitCode, String output) {}
}
