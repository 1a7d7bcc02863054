package dev.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SarifUrisTest {
    static final Path BASE = Path.of("/work/project");

    @Test
    void fileUnderTheBaseIsARelativeEscapedUri() {
        assertThat(SarifUris.relativeUri("/work/project/k8s/deploy.yaml", BASE)).isEqualTo("k8s/deploy.yaml");
        assertThat(SarifUris.relativeUri("/work/project/my app/shöp 100%.jar", BASE))
                .isEqualTo("my%20app/sh%C3%B6p%20100%25.jar");
        assertThat(SarifUris.relativeUri("/work/project/a/../b/./c.yaml", BASE)).isEqualTo("b/c.yaml");
    }

    @Test
    void fileOutsideTheBaseOrInvalidHasNoRelativeUri() {
        assertThat(SarifUris.relativeUri("/work/projectx/a.yaml", BASE)).isNull();
        assertThat(SarifUris.relativeUri("/work/project/../other/a.yaml", BASE)).isNull();
        assertThat(SarifUris.relativeUri("bad\u0000name", BASE)).isNull();
    }

    @Test
    void relativePathUsesSlashesAndEscapes() {
        assertThat(SarifUris.encodePath("dir\\sub file.yaml")).isEqualTo("dir/sub%20file.yaml");
    }

    @Test
    void absoluteAndDirectoryUris() {
        assertThat(SarifUris.absoluteUri("/nowhere/with space/100%.jar"))
                .isEqualTo("file:///nowhere/with%20space/100%25.jar");
        assertThat(SarifUris.absoluteUri("bad\u0000name")).isEqualTo("file:///unknown");
        assertThat(SarifUris.directoryUri(Path.of("/does/not/exist"))).isEqualTo("file:///does/not/exist/");
    }
}
