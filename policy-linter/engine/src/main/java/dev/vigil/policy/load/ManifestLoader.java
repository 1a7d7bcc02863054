package dev.vigil.policy.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.policy.Resource;
import dev.vigil.policy.internal.PositionTree;
import dev.vigil.policy.internal.YamlComposer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests from files, directories (recursively: {@code *.yaml}, {@code *.yml}, {@code *.json}),
 * standard input ({@code -}) and kustomize directories (rendered with {@code kubectl kustomize}). Multi-document
 * YAML, JSON and {@code kind: List} are understood; every field keeps its file, line and column.
 *
 * <p>Inputs are untrusted: size, nesting, scalar length and alias expansion are bounded by {@link LoadLimits},
 * and a bad input becomes a {@link LoadProblem} while the other inputs are still loaded.
 */
public final class ManifestLoader {
    /** The name {@link #load} understands as standard input. */
    public static final String STDIN = "-";

    private static final String[] KUSTOMIZATION_FILES = {"kustomization.yaml", "kustomization.yml", "Kustomization"};

    private final LoadLimits limits;
    private final YamlComposer composer;
    private final InputStream stdin;

    public ManifestLoader() {
        this(LoadLimits.DEFAULT, System.in);
    }

    public ManifestLoader(LoadLimits limits, InputStream stdin) {
        this.limits = limits;
        this.composer = new YamlComposer(new YamlComposer.Limits(
                limits.maxFileBytes(), limits.maxDepth(), limits.maxScalarChars(), limits.maxNodesPerDocument()));
        this.stdin = stdin;
    }

    /** Loads every input; never throws for bad input (see {@link LoadResult#problems()}). */
    public LoadResult load(List<String> inputs) {
        Accumulator acc = new Accumulator();
        for (String input : inputs) {
            if (STDIN.equals(input)) {
                acc.files++;
                readStream("<stdin>", stdin, acc);
                continue;
            }
            Path path = Path.of(input);
            if (Files.isDirectory(path)) {
                loadDirectory(path, input, acc);
            } else if (Files.isRegularFile(path)) {
                acc.files++;
                loadFile(path, input, acc);
            } else {
                acc.problems.add(new LoadProblem(input, 0, 0, "no such file or directory"));
            }
        }
        return new LoadResult(acc.resources, acc.files, acc.skipped, acc.problems);
    }

    /** Parses text already in memory (one stream of YAML or JSON documents). */
    public LoadResult loadText(String text, String label) {
        Accumulator acc = new Accumulator();
        acc.files = 1;
        parse(text, label, acc);
        return new LoadResult(acc.resources, acc.files, acc.skipped, acc.problems);
    }

    private static final class Accumulator {
        final List<Resource> resources = new ArrayList<>();
        final List<LoadProblem> problems = new ArrayList<>();
        int files;
        int skipped;
    }

    private void loadDirectory(Path dir, String label, Accumulator acc) {
        if (kustomization(dir) != null) {
            acc.files++;
            renderKustomization(dir, label, acc);
            return;
        }
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted().toList();
        } catch (IOException e) {
            acc.problems.add(new LoadProblem(label, 0, 0, "cannot list directory: " + e.getMessage()));
            return;
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            String childLabel = label.endsWith("/") ? label + name : label + "/" + name;
            if (name.startsWith(".") || Files.isSymbolicLink(child)) {
                continue;
            }
            if (Files.isDirectory(child)) {
                loadDirectory(child, childLabel, acc);
            } else if (isManifest(name)) {
                acc.files++;
                loadFile(child, childLabel, acc);
            }
        }
    }

    private static boolean isManifest(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    private static Path kustomization(Path dir) {
        for (String name : KUSTOMIZATION_FILES) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private void loadFile(Path path, String label, Accumulator acc) {
        try {
            long size = Files.size(path);
            if (size > limits.maxFileBytes()) {
                acc.problems.add(new LoadProblem(label, 0, 0, tooLarge(size)));
                return;
            }
            try (InputStream in = Files.newInputStream(path)) {
                readStream(label, in, acc);
            }
        } catch (IOException e) {
            acc.problems.add(new LoadProblem(label, 0, 0, "cannot read: " + e.getMessage()));
        }
    }

    private String tooLarge(long size) {
        return String.format(
                Locale.ROOT,
                "input is larger than the limit of %d MiB (%.1f MiB)",
                limits.maxFileBytes() >> 20,
                size / 1048576.0);
    }

    private void readStream(String label, InputStream in, Accumulator acc) {
        byte[] bytes;
        try {
            bytes = readBounded(in);
        } catch (IOException e) {
            acc.problems.add(new LoadProblem(label, 0, 0, "cannot read: " + e.getMessage()));
            return;
        }
        if (bytes == null) {
            acc.problems.add(new LoadProblem(label, 0, 0, tooLarge(limits.maxFileBytes() + 1)));
            return;
        }
        String text = decode(bytes);
        if (text == null) {
            acc.problems.add(new LoadProblem(label, 0, 0, "not UTF-8 text (a binary file?)"));
            return;
        }
        parse(text, label, acc);
    }

    private byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > limits.maxFileBytes()) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static String decode(byte[] bytes) {
        int offset =
                bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF
                        ? 3
                        : 0;
        for (int i = offset; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private void parse(String text, String label, Accumulator acc) {
        try {
            composer.compose(text, label, doc -> accept(doc, label, acc));
        } catch (YamlComposer.ComposeException e) {
            acc.problems.add(new LoadProblem(label, e.line(), e.column(), e.getMessage()));
        }
    }

    private static void accept(YamlComposer.Document doc, String label, Accumulator acc) {
        JsonNode root = doc.root();
        if (!(root instanceof ObjectNode object) || !isKubernetesObject(object)) {
            acc.skipped++;
            return;
        }
        if (object.path("kind").asText().endsWith("List")
                && object.path("items").isArray()) {
            JsonNode items = object.get("items");
            PositionTree itemPositions = doc.positions().field("items");
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof ObjectNode item && isKubernetesObject(item)) {
                    PositionTree pos = itemPositions == null ? null : itemPositions.item(i);
                    acc.resources.add(Resource.of(item, label, pos == null ? doc.positions() : pos));
                } else {
                    acc.skipped++;
                }
            }
            return;
        }
        acc.resources.add(Resource.of(object, label, doc.positions()));
    }

    private static boolean isKubernetesObject(ObjectNode node) {
        return node.path("apiVersion").isTextual() && node.path("kind").isTextual();
    }

    private void renderKustomization(Path dir, String label, Accumulator acc) {
        String rendered = label.endsWith("/") ? label + "(kustomize)" : label + "/(kustomize)";
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            acc.problems.add(new LoadProblem(
                    label,
                    0,
                    0,
                    "holds a kustomization.yaml but kubectl is not on PATH; install kubectl, or pipe "
                            + "'kustomize build' into 'vigil lint -'"));
            return;
        }
        try (InputStream out = process.getInputStream()) {
            byte[] bytes = readBounded(out);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                acc.problems.add(new LoadProblem(label, 0, 0, "kubectl kustomize did not finish within 60 s"));
                return;
            }
            if (bytes == null) {
                acc.problems.add(
                        new LoadProblem(label, 0, 0, "kustomize output: " + tooLarge(limits.maxFileBytes() + 1)));
            } else if (process.exitValue() != 0) {
                acc.problems.add(
                        new LoadProblem(label, 0, 0, "kubectl kustomize failed (exit " + process.exitValue() + ")"));
            } else {
                parse(new String(bytes, StandardCharsets.UTF_8), rendered, acc);
            }
        } catch (IOException e) {
            acc.problems.add(new LoadProblem(label, 0, 0, "kubectl kustomize: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
