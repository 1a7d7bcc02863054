package dev.vigil.lint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The upstream Pod Security Admission fixtures of {@code shared/conformance/pss} (found by walking up from the
 * module directory; nothing is copied into the repository) replayed through the CLI, as a CI job runs it:
 * {@code vigil lint --profile pss-<level> --pss-version <version> FILE} must exit 0 for every {@code pass/*.yaml}
 * and 1 for every {@code fail/*.yaml}, at every version v1.0 … v1.37 that {@code version-ranges.tsv} maps to the
 * file's directory, and at {@code latest} for the newest directory. Skipped, visibly, when the folder is absent.
 *
 * <p>The engine's {@code PssConformanceTest} additionally checks that the named upstream check is among a fail
 * fixture's findings and documents how the README's quirks are handled; here only the exit codes are asserted.
 * The README's invalid-object quirk ({@code baseline/v1.35+/fail/procmount{0,1}.yaml}) does not arise: the pss
 * profiles run no schema rules, so those files exit 1 for the policy violation, not 2.
 */
class PssConformanceCliTest {
    private static final Pattern VERSIONS = Pattern.compile("^1\\.(\\d+)(?:-1\\.(\\d+))?(?:\\(.*\\))?$");
    private static final AtomicInteger PLANNED = new AtomicInteger();
    private static final AtomicInteger PASSED = new AtomicInteger();

    /** One directory of version-ranges.tsv. */
    private record Range(String level, int fromMinor, int toMinor, Path dir) {}

    @TestFactory
    Stream<DynamicTest> everyUpstreamFixtureExitsAsExpected() throws IOException {
        Path root = conformanceRoot();
        Assumptions.assumeTrue(
                root != null,
                "upstream PSS fixtures not found: no shared/conformance/pss next to "
                        + Path.of("").toAbsolutePath() + " or any parent; CLI conformance not checked");
        List<Range> ranges = ranges(root);
        assertThat(ranges).as("ranges in version-ranges.tsv").isNotEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (Range range : ranges) {
            int newest = ranges.stream()
                    .filter(r -> r.level().equals(range.level()))
                    .mapToInt(Range::toMinor)
                    .max()
                    .orElseThrow();
            List<String> versions = new ArrayList<>();
            for (int minor = range.fromMinor(); minor <= range.toMinor(); minor++) {
                versions.add("v1." + minor);
            }
            if (range.toMinor() == newest) {
                versions.add("latest");
            }
            for (String version : versions) {
                for (Path p : yamlFiles(range.dir().resolve("pass"))) {
                    tests.add(lint(range.level(), version, p, ExitCode.OK));
                }
                for (Path p : yamlFiles(range.dir().resolve("fail"))) {
                    tests.add(lint(range.level(), version, p, ExitCode.FINDINGS));
                }
            }
        }
        return tests.stream();
    }

    private static DynamicTest lint(String level, String version, Path fixture, ExitCode expected) {
        PLANNED.incrementAndGet();
        String name = level + " " + version + " " + fixture.getParent().getFileName() + "/" + fixture.getFileName();
        return DynamicTest.dynamicTest(name, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit;
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                exit = LintCommand.run(
                        new String[] {"--profile", "pss-" + level, "--pss-version", version, fixture.toString()},
                        new ByteArrayInputStream(new byte[0]),
                        o,
                        e);
            }
            assertThat(exit)
                    .as(
                            "exit code of %s%nstdout:%n%s%nstderr:%n%s",
                            name, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8))
                    .isEqualTo(expected.code());
            PASSED.incrementAndGet();
        });
    }

    /** {@code shared/conformance/pss} next to an ancestor of the working directory, or null. */
    private static Path conformanceRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("conformance").resolve("pss");
            if (Files.isRegularFile(candidate.resolve("version-ranges.tsv"))) {
                return candidate;
            }
        }
        return null;
    }

    private static List<Range> ranges(Path root) throws IOException {
        List<Range> out = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("version-ranges.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length < 4 || cols[0].equals("level")) {
                continue;
            }
            Matcher m = VERSIONS.matcher(cols[1].strip());
            if (!m.matches()) {
                throw new IllegalStateException("version-ranges.tsv: cannot read versions '" + cols[1] + "'");
            }
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            out.add(new Range(cols[0], from, to, root.resolve(cols[2])));
        }
        return out;
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @AfterAll
    static void printCount() {
        if (PLANNED.get() > 0) {
            System.out.println("PSS conformance through the CLI: " + PASSED.get() + " of " + PLANNED.get()
                    + " fixture x version runs exited as expected");
        }
    }
}
