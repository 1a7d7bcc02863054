package dev.vigil.lint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.cli.ExitCode;
import dev.vigil.testsupport.PssFixtures;
import dev.vigil.testsupport.PssFixtures.Range;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The upstream Pod Security Admission fixtures of {@code shared/conformance/pss} (the shared fixtures folder beside the
 * repository, or {@code VIGIL_SHARED_DIR}; nothing is copied into the repository) replayed through the CLI, as a CI job runs it:
 * {@code vigil lint --profile pss-<level> --pss-version <version> FILE} must exit 0 for every {@code pass/*.yaml}
 * and 1 for every {@code fail/*.yaml}, at every version v1.0 … v1.37 that {@code version-ranges.tsv} maps to the
 * file's directory, and at {@code latest} for the newest directory. Skipped, visibly, when the folder is absent
 * (a failure under {@code -Dvigil.strict=true}); a partial or edited copy fails.
 *
 * <p>The engine's {@code PssConformanceTest} additionally checks that the named upstream check is among a fail
 * fixture's findings and documents how the README's quirks are handled; here only the exit codes are asserted.
 * The README's invalid-object quirk ({@code baseline/v1.35+/fail/procmount{0,1}.yaml}) does not arise: the pss
 * profiles run no schema rules, so those files exit 1 for the policy violation, not 2.
 */
class PssConformanceCliTest {
    private static final AtomicInteger PLANNED = new AtomicInteger();
    private static final AtomicInteger PASSED = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> everyUpstreamFixtureExitsAsExpected() throws IOException {
        Path root = PssFixtures.root();
        List<Range> ranges = PssFixtures.ranges(root);
        List<DynamicTest> tests = new ArrayList<>();
        // a partial copy (an empty pass/ or fail/, a missing or edited file) fails here instead of running fewer tests
        tests.add(DynamicTest.dynamicTest(
                "the fixtures are the complete unmodified upstream copy",
                () -> assertThat(PssFixtures.problems(root)).isEmpty()));
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
                for (Path p : PssFixtures.yamlFiles(range.dir().resolve("pass"))) {
                    tests.add(lint(range.level(), version, p, ExitCode.OK));
                }
                for (Path p : PssFixtures.yamlFiles(range.dir().resolve("fail"))) {
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

    @AfterAll
    static void printCount() {
        if (PLANNED.get() > 0) {
            System.out.println("PSS conformance through the CLI: " + PASSED.get() + " of " + PLANNED.get()
                    + " fixture x version runs exited as expected");
        }
    }
}
