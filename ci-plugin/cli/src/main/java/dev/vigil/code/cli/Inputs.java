package dev.vigil.code.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The paths {@code vigil code} analyses and the library classpath, checked before the analysis starts so that a
 * wrong path is one line and exit 2, never a stack trace: class folders, jars, and folders of jars.
 */
final class Inputs {
    private Inputs() {}

    /** A path that cannot be analysed; the message names it. */
    static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The class roots to analyse: each class folder itself, each jar, and the jars directly inside a folder.
     *
     * @param shown the paths as the user typed them, for messages
     * @throws BadInput for a missing path, a file that is not a jar, a corrupt jar, or a folder without classes
     */
    static List<Path> classRoots(List<Path> resolved, List<String> shown) throws BadInput {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < resolved.size(); i++) {
            Path p = resolved.get(i);
            String name = shown.get(i);
            if (!Files.exists(p)) {
                throw new BadInput(name + ": no such file or directory");
            }
            if (Files.isDirectory(p)) {
                List<Path> jars = jarsIn(p);
                boolean classes = hasClassFiles(p);
                if (!classes && jars.isEmpty()) {
                    throw new BadInput(name + ": no class files or jars in this folder");
                }
                if (classes) {
                    out.add(p);
                }
                for (Path jar : jars) {
                    checkJar(jar, name + "/" + jar.getFileName());
                    out.add(jar);
                }
            } else {
                checkJar(p, name);
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The library classpath: {@code --classpath} values split at the platform's path separator; entries that do
     * not exist are left out (build tools list folders they never create), a folder's jars are added too.
     */
    static List<Path> classpath(List<String> values, Path workDir) {
        List<Path> out = new ArrayList<>();
        for (String value : values) {
            for (String entry : value.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path p = workDir.resolve(entry.strip()).normalize();
                if (Files.isDirectory(p)) {
                    out.add(p);
                    out.addAll(jarsIn(p));
                } else if (Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static void checkJar(Path jar, String name) throws BadInput {
        String file = jar.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!file.endsWith(".jar") && !file.endsWith(".zip")) {
            throw new BadInput(name + ": not a class folder or a jar");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.stream().noneMatch(e -> e.getName().endsWith(".class"))) {
                throw new BadInput(name + ": no class files in this jar");
            }
        } catch (IOException e) {
            throw new BadInput(name + ": not a readable jar (" + e.getMessage() + ")");
        }
    }

    private static List<Path> jarsIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f ->
                            Files.isRegularFile(f) && f.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasClassFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".class") && Files.isRegularFile(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
