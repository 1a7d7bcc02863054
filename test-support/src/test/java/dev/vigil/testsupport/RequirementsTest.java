package dev.vigil.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequirementsTest {
    private final String before = System.getProperty(Requirements.STRICT);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(Requirements.STRICT);
        } else {
            System.setProperty(Requirements.STRICT, before);
        }
    }

    @Test
    void aMissingToolSkipsByDefault() {
        System.setProperty(Requirements.STRICT, "false");
        assertThatThrownBy(() -> Requirements.tool("vigil-no-such-tool", "for the test"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("vigil-no-such-tool is required but missing")
                .hasMessageContaining("for the test");
        assertThat(Requirements.recorded())
                .anyMatch(l -> l.contains("vigil-no-such-tool") && l.contains("MISSING (skipped)"));
    }

    @Test
    void aMissingToolFailsUnderStrictMode() {
        System.setProperty(Requirements.STRICT, "true");
        assertThatThrownBy(() -> Requirements.path("fixtures", Path.of("no/such/dir"), "the fixtures"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("-Dvigil.strict=true: fixtures is required but missing (looked at /");
        assertThat(Requirements.recorded()).anyMatch(l -> l.contains("MISSING (strict: FAILED)"));
    }

    @Test
    void aPresentToolIsReturnedAndRecordedWithItsPath() {
        System.setProperty(Requirements.STRICT, "true");
        Path sh = Requirements.tool("sh", "a shell");
        assertThat(sh.getFileName().toString()).isEqualTo("sh");
        assertThat(Requirements.recorded())
                .anyMatch(l -> l.contains(" sh ") && l.contains("found at " + sh) && l.contains("[RequirementsTest]"));
    }

    @Test
    void sharedDirIsBesideTheRepositoryRootUnlessOverridden() {
        Path root = Requirements.repositoryRoot();
        assertThat(root.resolve("mvnw")).exists();
        String old = System.getProperty("vigil.shared.dir");
        try {
            System.clearProperty("vigil.shared.dir");
            if (System.getenv("VIGIL_SHARED_DIR") == null) {
                assertThat(Requirements.sharedDir()).isEqualTo(root.resolveSibling("shared"));
            }
            System.setProperty("vigil.shared.dir", "/tmp/elsewhere");
            assertThat(Requirements.sharedDir()).isEqualTo(Path.of("/tmp/elsewhere"));
        } finally {
            if (old == null) {
                System.clearProperty("vigil.shared.dir");
            } else {
                System.setProperty("vigil.shared.dir", old);
            }
        }
    }
}
