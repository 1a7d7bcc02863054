package dev.vigil.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vigil:deps over a resolved dependency graph: findings carry the path through which each library came in. */
class DepsMojoTest {
    static final Path OSV = Path.of("../vuln-scanner/engine/src/test/resources/osv");

    @TempDir
    Path dir;

    private DepsMojo mojo(String failOn) {
        Model model = new Model();
        model.setGroupId("com.example");
        model.setArtifactId("shop");
        model.setVersion("1.0.0");
        MavenProject project = new MavenProject(model);
        project.setFile(dir.resolve("pom.xml").toFile());
        Set<Artifact> artifacts = new LinkedHashSet<>();
        // shop → spring-boot-starter-log4j2 2.6.1 → log4j-core 2.14.1 (a transitive dependency)
        artifacts.add(artifact(
                "org.apache.logging.log4j",
                "log4j-core",
                "2.14.1",
                List.of(
                        "com.example:shop:jar:1.0.0",
                        "org.springframework.boot:spring-boot-starter-log4j2:jar:2.6.1",
                        "org.apache.logging.log4j:log4j-core:jar:2.14.1")));
        artifacts.add(artifact(
                "org.apache.commons",
                "commons-text",
                "1.10.0",
                List.of("com.example:shop:jar:1.0.0", "org.apache.commons:commons-text:jar:1.10.0")));
        project.setArtifacts(artifacts);
        DepsMojo m = new DepsMojo();
        m.project = project;
        m.outputDirectory = dir.resolve("target/vigil").toFile();
        m.repositoryRoot = dir.toFile();
        m.config = dir.resolve(".vigil.yaml").toFile();
        m.depsDb = OSV.toFile();
        m.depsFailOn = failOn;
        m.maxConsole = 50;
        m.vulnCacheDir = dir.resolve("cache");
        return m;
    }

    private static Artifact artifact(String g, String a, String v, List<String> trail) {
        DefaultArtifact art = new DefaultArtifact(g, a, v, "compile", "jar", null, new DefaultArtifactHandler("jar"));
        art.setDependencyTrail(trail);
        return art;
    }

    @Test
    void log4ShellThroughTheStarterFailsTheBuild_andTheReportNamesThePath() throws Exception {
        DepsMojo m = mojo("high");
        assertThatThrownBy(m::run)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("vulnerable dependencies at or above high");
        JsonNode json = new ObjectMapper()
                .readTree(dir.resolve("target/vigil/deps.json").toFile());
        JsonNode first = json.get("findings").get(0);
        assertThat(first.get("id").asText()).isEqualTo("CVE-2021-44228");
        assertThat(first.get("introducedThrough").toString())
                .isEqualTo("[\"org.springframework.boot:spring-boot-starter-log4j2:2.6.1\"]");
        assertThat(first.get("fixed").toString()).isEqualTo("[\"2.15.0\"]");
        assertThat(json.get("summary").get("packages").asInt()).isEqualTo(2);
        assertThat(dir.resolve("target/vigil/deps.sarif")).exists();
        assertThat(dir.resolve("target/vigil/deps.junit.xml")).exists();
        assertThat(dir.resolve("target/vigil/deps.txt")).content().contains("introduced through");
    }

    @Test
    void failOnNeverPasses_andABadDatabaseIsAnExecutionError() throws Exception {
        mojo("never").run();
        DepsMojo bad = mojo("high");
        bad.depsDb = dir.resolve("missing-db").toFile();
        assertThatThrownBy(bad::run)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage(new File(dir.toFile(), "missing-db") + ": advisory database not found");
    }

    @Test
    void aRebuiltIndexCacheIsAWarningInTheMavenLog() throws Exception {
        mojo("never").run(); // writes the index cache
        Path idx;
        try (var files = Files.list(dir.resolve("cache"))) {
            idx = files.filter(f -> f.getFileName().toString().endsWith(".idx"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.writeString(idx, "garbage");
        List<String> warnings = new ArrayList<>();
        DepsMojo m = mojo("never");
        m.setLog(new org.apache.maven.plugin.logging.SystemStreamLog() {
            @Override
            public void warn(CharSequence content) {
                warnings.add(content.toString());
            }
        });
        m.run();
        assertThat(warnings)
                .anySatisfy(w -> assertThat(w).startsWith("vigil: " + idx + ": corrupt index cache, rebuilt from "));
    }
}
