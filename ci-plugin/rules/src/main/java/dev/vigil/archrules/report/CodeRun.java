package dev.vigil.archrules.report;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import dev.vigil.archrules.SecurityRule;
import dev.vigil.archrules.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The code check without a build tool, shared by the Maven plugin and {@code vigil code}: imports the compiled
 * classes once (class folders and jars), with them and the library classpath as the thread context class loader
 * (ArchUnit resolves supertypes through it; without it hierarchy checks such as "is a servlet" silently miss),
 * runs the rules and maps each violation to its source file, relative to the repository root.
 */
public final class CodeRun {
    private CodeRun() {}

    /**
     * Runs {@code rules} over the classes in {@code classRoots}.
     *
     * @param classRoots class folders and jars to analyse; folders that do not exist are skipped
     * @param classpath library class folders and jars, for resolving supertypes and annotations (not analysed)
     * @param sourceRoots source roots, to find each class's source file
     * @param root repository root; issue files are relative to it
     * @return the findings, sorted by file, line and rule
     * @throws UncheckedIOException when a class root cannot be read
     */
    public static List<Issue> run(
            List<Path> classRoots, List<Path> classpath, List<Path> sourceRoots, Path root, List<SecurityRule> rules) {
        List<Path> analysed = classRoots.stream().filter(Files::exists).toList();
        if (analysed.isEmpty()) {
            return List.of();
        }
        List<URL> urls = new ArrayList<>();
        try {
            for (Path p : analysed) {
                urls.add(p.toUri().toURL());
            }
            for (Path p : classpath) {
                urls.add(p.toUri().toURL());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader projectLoader =
                new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(projectLoader);
            JavaClasses classes = new ClassFileImporter().importLocations(locations(analysed));
            List<Issue> out = new ArrayList<>();
            for (SecurityRule rule : rules) {
                for (Violation v : rule.violations(classes)) {
                    out.add(issue(rule, v, sourceRoots, root));
                }
            }
            out.sort(Comparator.comparing(Issue::file)
                    .thenComparingInt(Issue::line)
                    .thenComparing(Issue::ruleId));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Class folders as they are, jars as archives (ArchUnit reads a jar path as a plain file, finding nothing). */
    private static List<Location> locations(List<Path> roots) throws IOException {
        List<Location> out = new ArrayList<>();
        for (Path p : roots) {
            if (Files.isDirectory(p)) {
                out.add(Location.of(p));
            } else {
                try (JarFile jar = new JarFile(p.toFile())) {
                    out.add(Location.of(jar));
                }
            }
        }
        return out;
    }

    /** One violation as an issue: source file under the first root that holds it, semantic fingerprint. */
    public static Issue issue(SecurityRule rule, Violation v, List<Path> sourceRoots, Path root) {
        String file = sourceFile(v.sourcePath(), sourceRoots, root);
        String member = stableMember(v.member());
        String subject = v.className() + (member.isEmpty() ? "" : "." + member);
        return new Issue(
                rule.id(),
                rule.title(),
                rule.level().id(),
                v.message(),
                file,
                v.line(),
                0,
                subject,
                Fingerprints.of(rule.id(), v.className(), member, v.detail()),
                null,
                rule.helpUri(),
                v.path().stream()
                        .map(s -> new Issue.PathStep(sourceFile(s.sourcePath(), sourceRoots, root), s.line(), s.text()))
                        .toList());
    }

    /** {@code lambda$handle$3} → {@code handle(lambda)}: lambda numbers change when lambdas are added above. */
    public static String stableMember(String member) {
        if (member.startsWith("lambda$")) {
            int end = member.indexOf('$', 7);
            return (end > 7 ? member.substring(7, end) : "static") + "(lambda)";
        }
        return member;
    }

    /**
     * The source file under the first source root that holds it, relative to {@code root}; without one, under the
     * first source root, or the package path itself when there is no source root.
     */
    public static String sourceFile(String sourcePath, List<Path> sourceRoots, Path root) {
        for (Path sourceRoot : sourceRoots) {
            Path candidate = sourceRoot.resolve(sourcePath);
            if (Files.isRegularFile(candidate)) {
                return relative(root, candidate.toString());
            }
        }
        if (sourceRoots.isEmpty()) {
            return sourcePath;
        }
        return relative(root, sourceRoots.get(0).resolve(sourcePath).toString());
    }

    /** {@code file} relative to {@code root} with forward slashes when inside it, else absolute. */
    public static String relative(Path root, String file) {
        try {
            Path p = Path.of(file).toAbsolutePath().normalize();
            Path base = root.toAbsolutePath().normalize();
            if (p.startsWith(base)) {
                return base.relativize(p).toString().replace('\\', '/');
            }
            return p.toString().replace('\\', '/');
        } catch (RuntimeException e) {
            return file;
        }
    }
}
