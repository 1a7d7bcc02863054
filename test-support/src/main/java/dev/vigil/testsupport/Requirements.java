package dev.vigil.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * The one place a test says "I need X from outside the build". When X is absent the test is skipped, visibly; under
 * {@code -Dvigil.strict=true} (CI) it fails instead, so a green CI build never means "skipped".
 *
 * <p>Every check is recorded: one line per requirement and test class, printed when first checked, appended to
 * {@code target/vigil-requirements.txt} of the module under test, and summarised at the end of the test run by
 * {@link RequirementsSummary}.
 */
public final class Requirements {
    /** The system property (passed to forked test JVMs by the root POM) that turns skips into failures. */
    public static final String STRICT = "vigil.strict";

    private static final List<String> seen = new ArrayList<>();
    private static final Set<String> printed = new LinkedHashSet<>();

    private Requirements() {}

    /** True under {@code -Dvigil.strict=true}. */
    public static boolean strict() {
        return Boolean.parseBoolean(System.getProperty(STRICT, "false"));
    }

    /** An executable on {@code PATH} (or at one of {@code alsoAt}); returns its path, else skips or fails. */
    public static Path tool(String name, String why, String... alsoAt) {
        Optional<Path> found = findTool(name, alsoAt);
        require(name, found.isPresent(), found.map(Path::toString).orElse("PATH"), why);
        return found.orElseThrow();
    }

    /** A file or directory that must exist (a JDK home, a fixture folder, a built jar); returns it. */
    public static Path path(String name, Path path, String why) {
        Path abs = path.toAbsolutePath().normalize();
        require(name, Files.exists(abs), abs.toString(), why);
        return abs;
    }

    /**
     * The general form: {@code present} decides; {@code where} says where it was found or looked for. Skips (JUnit
     * assumption) when absent, or fails under strict mode.
     */
    public static void require(String name, boolean present, String where, String why) {
        String caller = caller();
        String line = String.format(
                "vigil requirement %-22s %s %s  [%s]",
                name,
                present
                        ? "found at"
                        : (strict() ? "MISSING (strict: FAILED), looked at" : "MISSING (skipped), looked at"),
                where,
                caller);
        record(line);
        if (present) {
            return;
        }
        String message = name + " is required but missing (looked at " + where + "): " + why;
        if (strict()) {
            throw new AssertionFailedError("-D" + STRICT + "=true: " + message);
        }
        Assumptions.abort(message);
    }

    /** Finds an executable on {@code PATH} or at the given absolute paths, without recording anything. */
    public static Optional<Path> findTool(String name, String... alsoAt) {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, name));
            }
        }
        for (String p : alsoAt) {
            candidates.add(Path.of(p));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * The repository root: the nearest directory at or above the working directory holding {@code mvnw}; the
     * working directory itself when there is none.
     */
    public static Path repositoryRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return start;
    }

    /**
     * The shared fixtures folder: {@code VIGIL_SHARED_DIR} (environment) or {@code vigil.shared.dir} (system
     * property) when set, else {@code ../shared} next to the repository root. Not checked for existence: use
     * {@link #path} on what you need inside it.
     */
    public static Path sharedDir() {
        String dir = System.getProperty("vigil.shared.dir", System.getenv("VIGIL_SHARED_DIR"));
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir).toAbsolutePath().normalize();
        }
        return repositoryRoot().resolveSibling("shared").toAbsolutePath().normalize();
    }

    /** The lines recorded in this JVM so far. */
    public static synchronized List<String> recorded() {
        return List.copyOf(seen);
    }

    private static synchronized void record(String line) {
        if (!printed.add(line)) {
            return;
        }
        seen.add(line);
        System.out.println(line);
        try {
            Path file = Path.of("target", "vigil-requirements.txt");
            if (Files.isDirectory(file.getParent())) {
                Files.writeString(
                        file,
                        line + System.lineSeparator(),
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            System.out.println("vigil requirement: could not append to target/vigil-requirements.txt: " + e);
        }
    }

    /** The first test class (or other class) on the stack that is not this one. */
    private static String caller() {
        return StackWalker.getInstance()
                .walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                        .filter(c -> !c.equals(Requirements.class.getName()))
                        .findFirst()
                        .map(c -> c.substring(c.lastIndexOf('.') + 1))
                        .orElse("?"));
    }
}
