package dev.vigil.config.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

class ConfigYamlTest {
    @TempDir
    Path dir;

    @Test
    void composesWithLinesAndReportsUnknownKeysAndBadDatesOneLineEach() throws Exception {
        Path f = Files.writeString(dir.resolve(".vigil.yaml"), """
                lint: {profile: recommended}
                section:
                  good: 1
                  bda: 2
                  when: 2027-02-30
                  since: 2026-01-31
                """);
        Node root = ConfigYaml.compose(f);
        MappingNode sec = (MappingNode) ConfigYaml.get(root, "section");
        assertThat(ConfigYaml.where("F", sec)).isEqualTo("F:3");
        assertThat(ConfigYaml.scalar(ConfigYaml.get(sec, "good"))).isEqualTo("1");
        assertThat(ConfigYaml.get(sec, "absent")).isNull();
        assertThat(ConfigYaml.get(ConfigYaml.get(sec, "good"), "x"))
                .as("not a mapping")
                .isNull();

        List<String> problems = new ArrayList<>();
        ConfigYaml.unknownKeys("F", sec, "section.", List.of("good", "when", "since"), problems);
        assertThat(ConfigYaml.date("F", sec, "when", "section.", problems)).isNull();
        assertThat(ConfigYaml.date("F", sec, "since", "section.", problems)).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(ConfigYaml.date("F", sec, "absent", "section.", problems)).isNull();
        assertThat(problems)
                .containsExactly(
                        "F:4: section.bda: unknown key, expected one of good, when, since",
                        "F:5: section.when: '2027-02-30' is not a date, expected YYYY-MM-DD");
    }

    @Test
    void anEmptyFileIsNoDocumentAndBrokenYamlIsOneLine() throws Exception {
        assertThat(ConfigYaml.compose(Files.writeString(dir.resolve("empty.yaml"), "# nothing\n")))
                .isNull();
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "a: [1, 2\nb: c\n");
        assertThatThrownBy(() -> ConfigYaml.compose(broken))
                .isInstanceOf(YamlEngineException.class)
                .satisfies(e -> assertThat(ConfigYaml.firstLine(e.getMessage()))
                        .doesNotContain("\n")
                        .isNotBlank());
        assertThat(ConfigYaml.firstLine(null)).isEmpty();
    }

    @Test
    void aBillionLaughsIsRefused() throws Exception {
        StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [");
            for (int k = 0; k < 10; k++) {
                y.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            y.append("]\n");
        }
        Path f = Files.writeString(dir.resolve("laughs.yaml"), y);
        assertThatThrownBy(() -> ConfigYaml.compose(f)).isInstanceOf(YamlEngineException.class);
    }
}
