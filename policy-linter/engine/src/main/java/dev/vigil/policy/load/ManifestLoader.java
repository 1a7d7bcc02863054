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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private final KustomizeMode kustomize;
    private final HelmOptions helm;

    public ManifestLoader() {
        this(LoadLimits.DEFAULT, System.in);
    }

    public ManifestLoader(LoadLimits limits, InputStream stdin) {
        this(limits, stdin, KustomizeMode.AUTO, HelmOptions.DEFAULT);
    }

    private ManifestLoader(LoadLimits limits, InputStream stdin, KustomizeMode kustomize, HelmOptions helm) {
        this.limits = limits;
        this.composer = new YamlComposer(new YamlComposer.Limits(
                limits.maxFileBytes(), limits.maxDepth(), limits.maxScalarChars(), limits.maxNodesPerDocument()));
        this.stdin = stdin;
        this.kustomize = java.util.Objects.requireNonNull(kustomize, "kustomize");
        this.helm = java.util.Objects.requireNonNull(helm, "helm");
    }

    /** This loader with another way of treating kustomize directories (default {@link KustomizeMode#AUTO}). */
    public ManifestLoader withKustomize(KustomizeMode mode) {
        return new ManifestLoader(limits, stdin, mode, helm);
    }

    /** This loader rendering Helm chart directories with these options (default {@link HelmOptions#DEFAULT}). */
    public ManifestLoader withHelm(HelmOptions options) {
        return new ManifestLoader(limits, stdin, kustomize, options);
    }

    /** Loads every input; never throws for bad input (see {@link LoadResult#problems()}). */
    public LoadResult load(List<String> inputs) {
        Accumulator acc = new Accumulator();
        List<Task> tasks = new ArrayList<>();
        for (String input : inputs) {
            if (STDIN.equals(input)) {
                tasks.add(a -> {
                    a.files++;
                    readStream("<stdin>", stdin, a);
                });
                continue;
            }
            Path path = Path.of(input);
            if (Files.isDirectory(path)) {
                if (!planDirectory(path, input, tasks) && kustomize == KustomizeMode.ONLY) {
                    tasks.add(a -> a.problems.add(new LoadProblem(
                            input, 0, 0, "no kustomization.yaml in this directory or below (--kustomize=only)")));
                }
            } else if (Files.isRegularFile(path)) {
                tasks.add(a -> {
                    a.files++;
                    loadFile(path, input, a);
                });
            } else {
                tasks.add(a -> a.problems.add(new LoadProblem(input, 0, 0, "no such file or directory")));
            }
        }
        // files parse independently: many files are read on every core, then joined in input order
        List<Accumulator> done = tasks.size() >= 4 && Runtime.getRuntime().availableProcessors() > 1
                ? tasks.parallelStream().map(ManifestLoader::run).toList()
                : tasks.stream().map(ManifestLoader::run).toList();
        for (Accumulator one : done) {
            acc.resources.addAll(one.resources);
            acc.problems.addAll(one.problems);
            acc.files += one.files;
            acc.skipped += one.skipped;
            acc.notReferenced += one.notReferenced;
        }
        return new LoadResult(acc.resources, acc.files, acc.skipped, acc.problems, acc.notReferenced);
    }

    /** One input file, directory listing problem or kustomize directory. */
    private interface Task {
        void load(Accumulator into);
    }

    private static Accumulator run(Task task) {
        Accumulator a = new Accumulator();
        task.load(a);
        return a;
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
        int notReferenced;
    }

    /**
     * Plans the loading of a directory: a Helm chart is rendered, a kustomize directory rendered (unless
     * {@code --kustomize=off}), anything else walked. Returns whether a kustomization or a chart was planned.
     */
    private boolean planDirectory(Path dir, String label, List<Task> tasks) {
        if (Files.isRegularFile(dir.resolve(HelmCharts.CHART_FILE))) {
            tasks.add(a -> {
                a.files++;
                HelmCharts.render(dir, label, helm, composer, limits, a.resources, a.problems);
            });
            return true;
        }
        if (kustomize != KustomizeMode.OFF && kustomization(dir) != null) {
            tasks.add(a -> {
                a.files++;
                renderKustomization(dir, label, a);
            });
            return true;
        }
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted().toList();
        } catch (IOException e) {
            tasks.add(a -> a.problems.add(new LoadProblem(label, 0, 0, "cannot list directory: " + e.getMessage())));
            return false;
        }
        boolean rendered = false;
        int loose = 0;
        for (Path child : children) {
            String name = child.getFileName().toString();
            String childLabel = label.endsWith("/") ? label + name : label + "/" + name;
            if (name.startsWith(".") || Files.isSymbolicLink(child)) {
                continue;
            }
            if (Files.isDirectory(child)) {
                rendered |= planDirectory(child, childLabel, tasks);
            } else if (isManifest(name) && !isKustomizationFile(name)) {
                if (kustomize == KustomizeMode.ONLY) {
                    loose++; // not reached by a kustomization: counted, not read
                    continue;
                }
                tasks.add(a -> {
                    a.files++;
                    loadFile(child, childLabel, a);
                });
            }
        }
        if (loose > 0) {
            int n = loose;
            tasks.add(a -> a.notReferenced += n);
        }
        return rendered;
    }

    static boolean isManifest(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    static boolean isKustomizationFile(String name) {
        for (String k : KUSTOMIZATION_FILES) {
            if (k.equals(name)) {
                return true;
            }
        }
        return false;
    }

    static Path kustomization(Path dir) {
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
        // the JDK's String decoding is much faster than a CharsetDecoder; it replaces malformed input with U+FFFD, so
        // only text containing U+FFFD (malformed, or a real U+FFFD) is decoded again strictly
        String text = new String(bytes, offset, bytes.length - offset, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
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
            composer.compose(text, label, new YamlComposer.DocumentSink() {
                @Override
                public void accept(YamlComposer.Document doc) {
                    ManifestLoader.accept(doc, label, acc);
                }

                @Override
                public void reject(YamlComposer.ComposeException e) {
                    // the stream is well-formed: the documents after this one are still read
                    acc.problems.add(new LoadProblem(
                            label, e.line(), e.column(), e.getMessage() + "; the document is not linted"));
                }
            });
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

    /** The annotation {@code buildMetadata: [originAnnotations]} makes kustomize add to each rendered object. */
    static final String ORIGIN = "config.kubernetes.io/origin";

    /**
     * Renders a kustomize directory. It is built through a throw-away kustomization that includes it with
     * {@code buildMetadata: [originAnnotations]}, so every object says which file it came from; findings then point
     * at that file and at the field's line there (the nearest field when an overlay added it), and the origin
     * annotation is removed again. When that wrapper cannot be built (a Component, an old kubectl), the directory is
     * rendered as it is and findings point at {@code dir/(kustomize)}.
     */
    private void renderKustomization(Path dir, String label, Accumulator acc) {
        String rendered = label.endsWith("/") ? label + "(kustomize)" : label + "/(kustomize)";
        Path wrapper = null;
        try {
            wrapper = originWrapper(dir);
            Kustomized out = wrapper == null ? null : kustomize(wrapper);
            if (out != null && out.exit == 0 && out.bytes != null) {
                Accumulator raw = new Accumulator();
                parse(new String(out.bytes, StandardCharsets.UTF_8), rendered, raw);
                acc.problems.addAll(raw.problems);
                acc.skipped += raw.skipped;
                Path from = wrapper.toRealPath();
                Path root = dir.toRealPath();
                Map<Path, List<Resource>> sources = new HashMap<>();
                KustomizeReferences references = new KustomizeReferences(composer).follow(dir);
                for (Resource r : raw.resources) {
                    acc.resources.add(toSource(r, from, root, label, sources));
                }
                sources.keySet().forEach(references::add);
                acc.notReferenced += references.unreferencedUnder(dir);
                return;
            }
            out = kustomize(dir);
            if (out.timedOut) {
                acc.problems.add(new LoadProblem(label, 0, 0, "kubectl kustomize did not finish within 60 s"));
            } else if (out.bytes == null) {
                acc.problems.add(
                        new LoadProblem(label, 0, 0, "kustomize output: " + tooLarge(limits.maxFileBytes() + 1)));
            } else if (out.exit != 0) {
                acc.problems.add(new LoadProblem(
                        label,
                        0,
                        0,
                        "kubectl kustomize failed (exit " + out.exit + ")"
                                + (out.error.isEmpty() ? "" : ": " + out.error)));
            } else {
                parse(new String(out.bytes, StandardCharsets.UTF_8), rendered, acc);
                acc.notReferenced +=
                        new KustomizeReferences(composer).follow(dir).unreferencedUnder(dir);
            }
        } catch (KubectlMissing e) {
            acc.problems.add(new LoadProblem(
                    label,
                    0,
                    0,
                    "holds a kustomization.yaml but kubectl is not on PATH; install kubectl, or pipe "
                            + "'kustomize build' into 'vigil lint -'"));
        } catch (IOException e) {
            acc.problems.add(new LoadProblem(label, 0, 0, "kubectl kustomize: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(wrapper);
        }
    }

    /** A temporary kustomization including {@code dir} with origin annotations, or null when none can be made. */
    private static Path originWrapper(Path dir) {
        try {
            Path wrapper = Files.createTempDirectory("vigil-kustomize");
            String relative =
                    wrapper.toRealPath().relativize(dir.toRealPath()).toString().replace('\\', '/');
            Files.writeString(
                    wrapper.resolve("kustomization.yaml"),
                    "resources:\n- '" + relative.replace("'", "''") + "'\nbuildMetadata: [originAnnotations]\n",
                    StandardCharsets.UTF_8);
            return wrapper;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The rendered object with the file and positions of the object it came from, when that can be found. */
    private Resource toSource(Resource r, Path wrapper, Path root, String label, Map<Path, List<Resource>> sources) {
        ObjectNode json = r.json();
        JsonNode annotations = json.path("metadata").path("annotations");
        if (!(annotations instanceof ObjectNode notes) || !notes.path(ORIGIN).isTextual()) {
            return r;
        }
        String origin = notes.path(ORIGIN).asText();
        notes.remove(ORIGIN);
        if (notes.isEmpty()) {
            ((ObjectNode) json.get("metadata")).remove("annotations");
        }
        String path = null;
        for (String line : origin.split("\n")) {
            if (line.startsWith("repo:")) {
                return r; // a remote base: no local file to point at
            }
            if (line.startsWith("path:")) {
                path = unquote(line.substring(5).trim());
            }
        }
        if (path == null || path.isEmpty()) {
            return r; // generated (configMapGenerator, ...): stays at dir/(kustomize)
        }
        Path file = wrapper.resolve(path).normalize();
        List<Resource> candidates = sources.computeIfAbsent(file, f -> {
            if (!Files.isRegularFile(f)) {
                return List.of();
            }
            String fileLabel = Path.of(label)
                    .resolve(root.relativize(f))
                    .normalize()
                    .toString()
                    .replace('\\', '/');
            Accumulator one = new Accumulator();
            loadFile(f, fileLabel, one);
            return one.resources;
        });
        Resource best = null;
        for (Resource c : candidates) {
            if (!c.kind().equals(r.kind()) || !r.name().contains(c.name())) {
                continue;
            }
            if (best == null || c.name().length() > best.name().length()) {
                best = c;
            }
        }
        return best == null ? r : Resource.rendered(json, best, label);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** Thrown when kubectl cannot be started. */
    private static final class KubectlMissing extends Exception {
        private static final long serialVersionUID = 1L;

        KubectlMissing(IOException cause) {
            super(cause);
        }
    }

    /** What {@code kubectl kustomize} printed: the output (null when over the size limit), exit code, error line. */
    private record Kustomized(byte[] bytes, int exit, String error, boolean timedOut) {}

    private Kustomized kustomize(Path dir) throws KubectlMissing, IOException, InterruptedException {
        Path errors = Files.createTempFile("vigil-kustomize", ".err");
        try {
            Process process;
            try {
                process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                        .redirectError(errors.toFile())
                        .start();
            } catch (IOException e) {
                throw new KubectlMissing(e);
            }
            try (InputStream out = process.getInputStream()) {
                byte[] bytes = readBounded(out);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Kustomized(new byte[0], -1, "", true);
                }
                return new Kustomized(bytes, process.exitValue(), errorLine(errors), false);
            } finally {
                process.destroyForcibly();
            }
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static final Pattern KUBECTL_ERR = Pattern.compile("err=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** kubectl's error, one line: the {@code err="..."} of its log line, else its last line; at most 300 chars. */
    static String errorLine(Path errors) {
        String text;
        try (InputStream in = Files.newInputStream(errors)) {
            text = new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
        Matcher m = KUBECTL_ERR.matcher(text);
        String line = "";
        if (m.find()) {
            line = m.group(1).replace("\\\"", "\"").replace("\\n", " ");
        } else {
            for (String l : text.split("\n")) {
                if (!l.isBlank()) {
                    line = l.trim();
                }
            }
        }
        line = line.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // idem
        }
    }
}
