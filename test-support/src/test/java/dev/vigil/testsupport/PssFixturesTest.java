package dev.vigil.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PssFixturesTest {
    @Test
    void anEmptyFailFolderAndAMissingFileAreProblems(@TempDir Path root) throws IOException {
        Files.writeString(
                root.resolve("version-ranges.tsv"), "level\tversions\tdir\tfiles\nbaseline\t1.0-1.2\tb/v1.0\t2\n");
        Files.createDirectories(root.resolve("b/v1.0/pass"));
        Files.createDirectories(root.resolve("b/v1.0/fail"));
        Files.writeString(root.resolve("b/v1.0/pass/a.yaml"), "kind: Pod\n");
        Files.writeString(root.resolve("MANIFEST.tsv"), "path\tsha256\nb/v1.0/fail/x.yaml\t00\n");
        assertThat(PssFixtures.problems(root))
                .containsExactly(
                        "b/v1.0/fail holds no fixture",
                        "b/v1.0 holds 1 fixtures, version-ranges.tsv says 2",
                        "b/v1.0/fail/x.yaml differs from MANIFEST.tsv (missing)");
        assertThat(PssFixtures.ranges(root))
                .containsExactly(new PssFixtures.Range("baseline", 0, 2, root.resolve("b/v1.0"), 2));
    }
}
