package dev.vigil.policy.report;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The fixtures shipped in a built-in rule's folder ({@code dev/vigil/policy/rules/<id>/pass|fail/*.yaml}), read
 * from the class path (a directory in development, the jar when packaged), used as examples by {@code --explain}.
 */
public final class RuleExamples {
    private static final String ROOT = "dev/vigil/policy/rules/";

    /**
     * One fixture file.
     *
     * @param name file name, e.g. {@code privileged-deployment.yaml}
     * @param text its content
     */
    public record Example(String name, String text) {}

    private RuleExamples() {}

    /** The failing fixtures of built-in rule {@code id}, sorted by name; empty for unknown or custom rules. */
    public static List<Example> failing(String id) {
        return read(id, "fail");
    }

    /** The passing fixtures of built-in rule {@code id}, sorted by name. */
    public static List<Example> passing(String id) {
        return read(id, "pass");
    }

    private static List<Example> read(String id, String kind) {
        URL url = RuleExamples.class.getClassLoader().getResource(ROOT + id + "/rule.yaml");
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                }
                return list(fs.getPath("/" + ROOT + id, kind));
            }
            return list(Path.of(uri).getParent().resolve(kind));
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static List<Example> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Example> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    out.add(new Example(
                            p.getFileName().toString(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
        return out;
    }
}
