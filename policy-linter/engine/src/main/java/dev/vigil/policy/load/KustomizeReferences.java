package dev.vigil.policy.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.internal.YamlComposer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which files of a kustomize directory its kustomization reaches, so that the manifests it leaves out can be
 * counted ({@code --kustomize=auto}) instead of silently skipped. A file is referenced when a kustomization reached
 * from the directory names it in any field (resources, patches, generators, components, replacements, ...), or
 * when a rendered object's origin annotation names it; a directory it names that holds a kustomization is followed.
 * Reading a field that is not a path as one only ever adds files, never hides one.
 */
final class KustomizeReferences {
    private final YamlComposer composer;
    private final Set<Path> referenced = new HashSet<>();
    private final Set<Path> visited = new HashSet<>();

    KustomizeReferences(YamlComposer composer) {
        this.composer = composer;
    }

    /** Follows the kustomization in {@code dir} and every kustomization it names. */
    KustomizeReferences follow(Path dir) {
        Deque<Path> todo = new ArrayDeque<>();
        todo.push(real(dir));
        while (!todo.isEmpty()) {
            Path d = todo.pop();
            Path file = ManifestLoader.kustomization(d);
            if (file == null || !visited.add(d)) {
                continue;
            }
            referenced.add(real(file));
            String text;
            try {
                if (Files.size(file) > 1 << 20) {
                    continue; // not a kustomization anyone writes; kubectl reports what is wrong with it
                }
                text = Files.readString(file);
            } catch (IOException e) {
                continue;
            }
            try {
                composer.compose(text, file.toString(), doc -> {
                    if (doc.root() != null) {
                        collect(doc.root(), d, todo);
                    }
                });
            } catch (YamlComposer.ComposeException e) {
                // kubectl kustomize reports the broken kustomization itself
            }
        }
        return this;
    }

    /** Marks a file named by a rendered object's origin annotation. */
    void add(Path file) {
        referenced.add(real(file));
    }

    private void collect(JsonNode node, Path dir, Deque<Path> todo) {
        Deque<JsonNode> nodes = new ArrayDeque<>();
        nodes.push(node);
        while (!nodes.isEmpty()) {
            JsonNode n = nodes.pop();
            if (n.isTextual()) {
                reference(n.asText(), dir, todo);
            } else if (n.isContainerNode()) {
                for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                    nodes.push(it.next());
                }
            }
        }
    }

    private void reference(String value, Path dir, Deque<Path> todo) {
        String v = value.trim();
        if (v.isEmpty() || v.length() > 4096 || v.contains("\n") || v.contains("://")) {
            return;
        }
        int eq = v.indexOf('=');
        if (eq > 0) { // configMapGenerator files: key=path
            v = v.substring(eq + 1);
        }
        Path p;
        try {
            p = dir.resolve(v).normalize();
        } catch (RuntimeException e) {
            return;
        }
        if (Files.isRegularFile(p)) {
            referenced.add(real(p));
        } else if (Files.isDirectory(p)) {
            todo.push(real(p));
        }
    }

    /**
     * The manifest files under {@code dir} (those {@code --kustomize=off} would read) that no kustomization reached
     * from {@code dir} references.
     */
    int unreferencedUnder(Path dir) {
        int count = 0;
        Deque<Path> dirs = new ArrayDeque<>();
        dirs.push(dir);
        while (!dirs.isEmpty()) {
            Path d = dirs.pop();
            try (Stream<Path> list = Files.list(d)) {
                for (Iterator<Path> it = list.iterator(); it.hasNext(); ) {
                    Path child = it.next();
                    String name = child.getFileName().toString();
                    if (name.startsWith(".") || Files.isSymbolicLink(child)) {
                        continue;
                    }
                    if (Files.isDirectory(child)) {
                        dirs.push(child);
                    } else if (ManifestLoader.isManifest(name)
                            && !ManifestLoader.isKustomizationFile(name)
                            && !referenced.contains(real(child))) {
                        count++;
                    }
                }
            } catch (IOException e) {
                // an unreadable directory: nothing to count in it
            }
        }
        return count;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
