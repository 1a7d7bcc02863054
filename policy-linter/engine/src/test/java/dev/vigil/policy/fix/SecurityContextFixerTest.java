package dev.vigil.policy.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.policy.Finding;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.Profiles;
import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden-file tests of {@code --fix}: each folder under {@code fix/} holds {@code input.yaml}, the expected
 * {@code fixed.yaml} and {@code fixed.diff} (and {@code notes.txt} when some places are left alone). Regenerate
 * the golden files with {@code -Dvigil.updateGolden=true} (or {@code VIGIL_UPDATE_GOLDEN=true}) and review the diff.
 */
class SecurityContextFixerTest {
    private static final Path CASES = Path.of("src/test/resources/dev/vigil/policy/fix");
    private static final boolean UPDATE =
            Boolean.getBoolean("vigil.updateGolden") || "true".equals(System.getenv("VIGIL_UPDATE_GOLDEN"));

    @TestFactory
    Stream<DynamicTest> goldenFiles() throws IOException {
        List<Path> dirs;
        try (Stream<Path> list = Files.list(CASES)) {
            dirs = list.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(dirs).isNotEmpty();
        return dirs.stream()
                .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> golden(dir)));
    }

    private static void golden(Path dir) throws IOException {
        String input = Files.readString(dir.resolve("input.yaml"));
        SecurityContextFixer.Result result = new SecurityContextFixer().fix(input, "input.yaml");
        String notes = String.join("\n", result.notes());
        if (UPDATE) {
            Files.writeString(dir.resolve("fixed.yaml"), result.fixed());
            Files.writeString(dir.resolve("fixed.diff"), result.diff());
            if (notes.isEmpty()) {
                Files.deleteIfExists(dir.resolve("notes.txt"));
            } else {
                Files.writeString(dir.resolve("notes.txt"), notes + "\n");
            }
        }
        assertThat(result.fixed()).isEqualTo(Files.readString(dir.resolve("fixed.yaml")));
        assertThat(result.diff()).isEqualTo(Files.readString(dir.resolve("fixed.diff")));
        Path notesFile = dir.resolve("notes.txt");
        assertThat(notes)
                .isEqualTo(Files.exists(notesFile) ? Files.readString(notesFile).strip() : "");
        assertThat(result.changed()).isTrue();
        assertThat(commentsAndKeys(result.fixed()))
                .as("every comment and key line of the input, in order")
                .containsSubsequence(commentsAndKeys(input));
        // fixing twice changes nothing more
        assertThat(new SecurityContextFixer().fix(result.fixed(), "input.yaml").changed())
                .isFalse();
    }

    /** The input's comment lines and key lines (unchanged lines; fill-ins rewrite `key: {}` only). */
    private static List<String> commentsAndKeys(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.contains("{}")) {
                out.add(line);
            }
        }
        return out;
    }

    private static List<String> restrictedFindings(String text) {
        LoadResult loaded = new ManifestLoader().loadText(text, "fixed.yaml");
        assertThat(loaded.problems()).isEmpty();
        PolicyConfig config =
                PolicyConfig.builder().profile(Profiles.PSS_RESTRICTED).build();
        return PolicyEngine.create(config).evaluate(loaded.resources()).findings().stream()
                .map(Finding::ruleId)
                .toList();
    }

    @Test
    void fixedOutputPassesPssRestrictedWhereTheFixSuffices() throws IOException {
        for (String name : List.of("commented-deployment", "multi-document")) {
            String input = Files.readString(CASES.resolve(name).resolve("input.yaml"));
            assertThat(restrictedFindings(input)).as("%s before", name).isNotEmpty();
            String fixed = new SecurityContextFixer().fix(input, "input.yaml").fixed();
            assertThat(restrictedFindings(fixed)).as("%s after --fix", name).isEmpty();
        }
    }

    @Test
    void explicitUnsafeValuesAndFlowMappingsAreLeftWithTheirFindings() throws IOException {
        String input = Files.readString(CASES.resolve("unsafe-values-kept").resolve("input.yaml"));
        String fixed = new SecurityContextFixer().fix(input, "input.yaml").fixed();
        assertThat(restrictedFindings(fixed))
                .contains("pss-run-as-non-root", "pss-allow-privilege-escalation")
                .doesNotContain("pss-seccomp-restricted");
    }

    @Test
    void jsonIsNeverEdited() {
        String json = "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\",\n  \"metadata\": {\"name\": \"p\"},\n"
                + "  \"spec\": {\n    \"containers\": [{\"name\": \"a\", \"image\": \"x\"}]\n  }\n}\n";
        SecurityContextFixer.Result r = new SecurityContextFixer().fix(json, "pod.json");
        assertThat(r.changed()).isFalse();
        assertThat(r.notes()).containsExactly("pod.json: JSON is not edited; --fix handles YAML files");
    }

    @Test
    void windowsLineEndingsArePreserved() {
        String input = "apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n"
                + "    - name: a\r\n      image: x\r\n";
        String fixed = new SecurityContextFixer().fix(input, "p.yaml").fixed();
        assertThat(fixed).doesNotContain("\r\r").doesNotContainPattern("[^\r]\n");
        assertThat(new String(fixed.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .contains("      securityContext:\r\n        allowPrivilegeEscalation: false\r\n");
    }
}
