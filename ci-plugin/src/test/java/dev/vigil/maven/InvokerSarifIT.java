package dev.vigil.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every SARIF file the invoker's sample builds wrote (lint and arch, Maven 3.9 and 3.8) passes the official SARIF
 * 2.1.0 schema and the SARIF Multitool's GitHub rules. Runs after the invoker (pre-integration-test).
 */
class InvokerSarifIT {
    @TempDir
    static Path work;

    static List<Path> files;

    @BeforeAll
    static void collect() throws Exception {
        Path it = Path.of("target/it");
        Requirements.path("invoker-builds", it, "the sample builds of src/it (run without -Dinvoker.skip)");
        try (Stream<Path> walk = Files.walk(it)) {
            files = walk.filter(p -> p.toString().endsWith(".sarif")
                            && p.getParent().getFileName().toString().equals("vigil"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void theSampleBuildsWroteLintAndArchSarif() {
        assertThat(files.stream().map(p -> p.getFileName().toString()).distinct())
                .contains("lint.sarif", "arch.sarif");
        assertThat(files).anyMatch(p -> p.toString().contains("reactor/module-b/target/vigil/arch.sarif"));
    }

    /** The profile it-maven-3.8 runs the samples under the machine's Maven 3.8 when it is installed. */
    @Test
    void theSamplesAlsoRanUnderMaven38() {
        Requirements.path(
                "maven-3.8",
                Path.of(System.getProperty("vigil.it.maven38.home", "/usr/share/maven"), "bin", "mvn"),
                "the it-maven-3.8 profile builds the samples under Maven 3.8 (Debian package maven)");
        assertThat(files).anyMatch(p -> p.toString().contains("maven-3.8/reactor/module-b/target/vigil/arch.sarif"));
    }

    @Test
    void allValidAgainstTheOfficialSchema() throws Exception {
        List<String> errors = new ArrayList<>();
        for (Path f : files) {
            errors.addAll(SarifValidator.schemaErrors(f));
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void allPassTheMultitoolWithGitHubRules() throws Exception {
        Path tool = SarifValidator.requireMultitool();
        List<String> problems = new ArrayList<>();
        for (Path f : distinctContent(files)) {
            problems.addAll(SarifValidator.multitoolProblems(tool, f, work));
        }
        assertThat(problems).isEmpty();
    }

    /** One file per distinct content (the same sample under two Maven versions writes the same SARIF). */
    private static List<Path> distinctContent(List<Path> all) throws Exception {
        List<Path> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Path f : all) {
            String text = Files.readString(f).replaceAll("\"uri\" ?: ?\"file:[^\"]*\"", "");
            if (!seen.contains(text)) {
                seen.add(text);
                out.add(f);
            }
        }
        return out;
    }
}
