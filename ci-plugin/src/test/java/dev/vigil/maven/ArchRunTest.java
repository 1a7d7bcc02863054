package dev.vigil.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.archrules.SecurityRules;
import dev.vigil.archrules.report.CodeRun;
import dev.vigil.archrules.report.Issue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil:arch} imports the project's classes with its compile classpath as the thread context class loader:
 * a servlet whose superclass lives in a dependency jar is only recognised as web layer through it.
 */
class ArchRunTest {
    @TempDir
    static Path dir;

    static Path classes;
    static Path library;

    /** The real jakarta.servlet-api jar on the test classpath. */
    static final Path SERVLET_API = servletApi();

    private static Path servletApi() {
        try {
            return Path.of(jakarta.servlet.http.HttpServlet.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void compile() throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path libSrc = dir.resolve("lib-src/lib/LibServlet.java");
        Files.createDirectories(libSrc.getParent());
        Files.writeString(
                libSrc, "package lib;\npublic abstract class LibServlet extends jakarta.servlet.http.HttpServlet {}\n");
        library = dir.resolve("lib");
        int rc =
                javac.run(null, null, null, "-d", library.toString(), "-cp", SERVLET_API.toString(), libSrc.toString());
        assertThat(rc).isZero();
        Path appSrc = dir.resolve("src/main/java/app/PluginEndpoint.java");
        Files.createDirectories(appSrc.getParent());
        Files.writeString(appSrc, """
                package app;

                public class PluginEndpoint extends lib.LibServlet {
                    Object plugin(String name) throws Exception {
                        return Class.forName(name);
                    }
                }
                """);
        classes = dir.resolve("classes");
        rc = javac.run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-cp",
                library + java.io.File.pathSeparator + SERVLET_API,
                appSrc.toString());
        assertThat(rc).isZero();
    }

    @Test
    void resolvesSupertypesThroughTheProjectClasspath() throws Exception {
        List<Issue> issues = CodeRun.run(
                List.of(classes),
                List.of(library, SERVLET_API),
                List.of(dir.resolve("src/main/java")),
                dir,
                List.of(SecurityRules.REFLECTION_IN_WEB_LAYER));
        assertThat(issues)
                .extracting(Issue::ruleId, Issue::location, Issue::subject, Issue::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "VIGIL-ARCH-021",
                        "src/main/java/app/PluginEndpoint.java:5",
                        "app.PluginEndpoint.plugin",
                        "Class.forName in the web layer resolves code by name"));
    }

    @Test
    void withoutTheDependencyTheHierarchyIsUnknownAndTheViolationMissed() throws Exception {
        List<Issue> issues = CodeRun.run(
                List.of(classes),
                List.of(),
                List.of(dir.resolve("src/main/java")),
                dir,
                List.of(SecurityRules.REFLECTION_IN_WEB_LAYER));
        assertThat(issues).isEmpty();
    }

    @Test
    void lambdaMembersAreStableInFingerprints() {
        assertThat(CodeRun.stableMember("lambda$handle$3")).isEqualTo("handle(lambda)");
        assertThat(CodeRun.stableMember("handle")).isEqualTo("handle");
    }
}
