package dev.vigil.config.yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * What the readers of a {@code .vigil.yaml} section share ({@code vulnerabilities:} in the scanner, {@code code:} in
 * the code rules): the file composed into nodes that keep their line, bounded (aliases, size), and the small steps
 * every section repeats — a key's value, a scalar, {@code FILE:LINE}, unknown keys and dates reported as one line
 * each. Each reader keeps its own keys and messages; problems are collected, never thrown one at a time.
 *
 * <p>Needs {@code org.snakeyaml:snakeyaml-engine}, an optional dependency of this artifact: a module that reads YAML
 * declares it itself, so users of the rest of {@code vigil-config} (the JWT filter, the metrics library) never get
 * it.
 */
public final class ConfigYaml {
    /** A configuration file is small; this bounds a hostile one (characters read before giving up). */
    public static final int MAX_CODE_POINTS = 4 << 20;

    private static final int MAX_ALIASES = 50;

    private ConfigYaml() {}

    /**
     * The single document of {@code file} as nodes with positions, or null when the file holds no document.
     *
     * @throws IOException when the file cannot be read
     * @throws YamlEngineException when it is not YAML (use {@link #firstLine} for a one-line message)
     */
    public static Node compose(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoadSettings settings = LoadSettings.builder()
                    .setMaxAliasesForCollections(MAX_ALIASES)
                    .setCodePointLimit(MAX_CODE_POINTS)
                    .build();
            return new Composer(settings, new ParserImpl(settings, new StreamReader(settings, r)))
                    .getSingleNode()
                    .orElse(null);
        }
    }

    /** The value of {@code key} in {@code m}, or null when absent (or {@code m} is not a mapping). */
    public static Node get(Node m, String key) {
        if (m instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (key.equals(scalar(t.getKeyNode()))) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }

    /** The text of a scalar node; null for anything else. */
    public static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    /** {@code FILE:LINE} of a node (1-based; line 1 when the node has no position). */
    public static String where(String file, Node n) {
        return file + ":"
                + (n == null ? 1 : n.getStartMark().map(m -> m.getLine() + 1).orElse(1));
    }

    /** The first line of an exception message (YAML errors add a drawing of the position), never null. */
    public static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /**
     * Adds {@code FILE:LINE: PREFIXkey: unknown key, expected one of A, B, …} for each key of {@code m} not in
     * {@code allowed} (listed in the order given).
     */
    public static void unknownKeys(
            String file, MappingNode m, String prefix, Collection<String> allowed, List<String> problems) {
        for (NodeTuple t : m.getValue()) {
            String key = scalar(t.getKeyNode());
            if (!allowed.contains(key)) {
                problems.add(where(file, t.getKeyNode()) + ": " + prefix + key + ": unknown key, expected one of "
                        + String.join(", ", allowed));
            }
        }
    }

    /**
     * The date under {@code key} of {@code m} ({@code YYYY-MM-DD}), null when absent; a value that is not a date adds
     * {@code FILE:LINE: PREFIXkey: 'v' is not a date, expected YYYY-MM-DD} and gives null.
     */
    public static LocalDate date(String file, MappingNode m, String key, String prefix, List<String> problems) {
        Node n = get(m, key);
        String v = scalar(n);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            problems.add(where(file, n) + ": " + prefix + key + ": '" + v + "' is not a date, expected YYYY-MM-DD");
            return null;
        }
    }
}
