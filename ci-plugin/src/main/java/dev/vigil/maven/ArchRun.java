package dev.vigil.maven;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.vigil.archrules.SecurityRule;
import dev.vigil.archrules.Violation;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The security architecture check, without Maven: imports the compiled classes once, with the project's compile
 * classpath as the thread context class loader (ArchUnit resolves supertypes through it; without it hierarchy
 * checks such as "is a servlet" silently miss), runs the rules and maps violations to source files.
 */
final class ArchRun {
    private ArchRun() {}

    /**
     * Runs {@code rules} over {@code classesDirectory}.
     *
     * @param classpath the compile classpath (dependencies), for resolving supertypes and annotations
     * @param sourceRoots compile source roots, to find each class's source file
     * @param root repository root; issue files are relative to it
     */
    static List<Issue> run(
            Path classesDirectory, List<Path> classpath, List<Path> sourceRoots, Path root, List<SecurityRule> rules)
            throws MalformedURLException {
        if (!Files.isDirectory(classesDirectory)) {
            return List.of();
        }
        List<URL> urls = new ArrayList<>();
        urls.add(classesDirectory.toUri().toURL());
        for (Path p : classpath) {
            urls.add(p.toUri().toURL());
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader projectLoader =
                new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(projectLoader);
            JavaClasses classes = new ClassFileImporter().importPath(classesDirectory);
            List<Issue> out = new ArrayList<>();
            for (SecurityRule rule : rules) {
                for (Violation v : rule.violations(classes)) {
                    out.add(issue(rule, v, sourceRoots, root));
                }
            }
            out.sort(java.util.Comparator.comparing(Issue::file)
                    .thenComparingInt(Issue::line)
                    .thenComparing(Issue::ruleId));
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static Issue issue(SecurityRule rule, Violation v, List<Path> sourceRoots, Path root) {
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
    static String stableMember(String member) {
        if (member.startsWith("lambda$")) {
            int end = member.indexOf('$', 7);
            return (end > 7 ? member.substring(7, end) : "static") + "(lambda)";
        }
        return member;
    }

    /** The source file under the first compile source root that holds it, relative to {@code root}. */
    static String sourceFile(String sourcePath, List<Path> sourceRoots, Path root) {
        for (Path sourceRoot : sourceRoots) {
            Path candidate = sourceRoot.resolve(sourcePath);
            if (Files.isRegularFile(candidate)) {
                return LintRun.relative(root, candidate.toString());
            }
        }
        Path fallback =
                sourceRoots.isEmpty() ? Path.of(sourcePath) : sourceRoots.get(0).resolve(sourcePath);
        return LintRun.relative(root, fallback.toString());
    }
}
