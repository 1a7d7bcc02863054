package dev.vigil.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.archrules.report.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The lint's up-to-date check: a hash over every input (manifest contents, configuration, baseline, settings)
 * stored next to the reports with the console lines and the verdict, so an unchanged build replays them instead of
 * linting again.
 */
final class UpToDate {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * A stored result.
     *
     * @param lines the console lines to replay
     * @param failure why the build failed, or null
     */
    record Stamp(String hash, List<Console.Line> lines, String failure) {}

    private final MessageDigest digest;

    UpToDate() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    UpToDate add(String value) {
        digest.update((value == null ? "<null>" : value).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        return this;
    }

    /** Adds a file's path and contents, or every file under a directory (sorted); absent files count as absent. */
    UpToDate addTree(Path path) {
        add(path.toString());
        if (!Files.exists(path)) {
            return add("<absent>");
        }
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(path)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    add(f.toString());
                    digest.update(Files.readAllBytes(f));
                }
            } else {
                digest.update(Files.readAllBytes(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    String hash() {
        return HexFormat.of().formatHex(digest.digest());
    }

    static Stamp read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode n = MAPPER.readTree(file.toFile());
            List<Console.Line> lines = new ArrayList<>();
            for (JsonNode l : n.path("lines")) {
                lines.add(new Console.Line(
                        l.path("level").asText(), l.path("text").asText()));
            }
            String failure = n.path("failure").isTextual() ? n.get("failure").asText() : null;
            return new Stamp(n.path("hash").asText(), lines, failure);
        } catch (IOException e) {
            return null;
        }
    }

    static void write(Path file, Stamp stamp) throws IOException {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("hash", stamp.hash());
        ArrayNode lines = n.putArray("lines");
        for (Console.Line l : stamp.lines()) {
            lines.addObject().put("level", l.level()).put("text", l.text());
        }
        if (stamp.failure() == null) {
            n.putNull("failure");
        } else {
            n.put("failure", stamp.failure());
        }
        Files.writeString(file, MAPPER.writeValueAsString(n), StandardCharsets.UTF_8);
    }
}
