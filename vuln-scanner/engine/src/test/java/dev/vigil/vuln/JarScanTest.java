package dev.vigil.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.vuln.suppress.Suppressions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real jars from the Maven repository, vulnerable and fixed, alone, nested in a fat jar and shaded. */
class JarScanTest {
    @TempDir
    Path dir;

    private static ScanResult scan(Path... paths) throws Exception {
        return new VulnScanner(TestData.db(), Suppressions.none()).scan(VulnScanner.inventory(List.of(paths)));
    }

    private static List<String> ids(ScanResult r) {
        return r.findings().stream().map(Finding::id).toList();
    }

    @Test
    void log4Shell_matchesThe2_13Range_withItsOwnFixOnly_andAliasesMerged() throws Exception {
        ScanResult r = scan(TestData.jar("log4j-core-2.14.1"));
        Finding f = r.findings().stream()
                .filter(x -> x.id().equals("CVE-2021-44228"))
                .findFirst()
                .orElseThrow();
        // the GHSA and the CVE record name each other: one finding, the GHSA id as alias
        assertThat(f.aliases()).containsExactly("GHSA-jfh8-c2jp-5v3q");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        // not 2.12.2 or 2.3.1: those fix other release lines
        assertThat(f.fixed()).containsExactly("2.15.0");
        assertThat(f.pkg().name()).isEqualTo("org.apache.logging.log4j:log4j-core");
        assertThat(f.pkg().version()).isEqualTo("2.14.1");
        assertThat(f.pkg().purl()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
        assertThat(f.pkg().location()).endsWith("log4j-core-2.14.1.jar");
        assertThat(ids(r)).containsExactlyInAnyOrder("CVE-2021-44228", "CVE-2021-45046", "CVE-2021-44832");
        Finding moderate = r.findings().stream()
                .filter(x -> x.id().equals("CVE-2021-44832"))
                .findFirst()
                .orElseThrow();
        assertThat(moderate.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(moderate.fixed()).containsExactly("2.17.1");
    }

    @Test
    void fixedReleasesHaveNoFindings() throws Exception {
        ScanResult r = scan(
                TestData.jar("log4j-core-2.17.1"), TestData.jar("commons-text-1.10.0"), TestData.jar("snakeyaml-2.2"));
        assertThat(r.findings()).isEmpty();
        assertThat(r.packages()).hasSize(3);
        assertThat(r.unidentified()).isEmpty();
    }

    @Test
    void text4ShellAndSnakeYaml() throws Exception {
        ScanResult r = scan(TestData.jar("commons-text-1.9"), TestData.jar("snakeyaml-1.33"));
        assertThat(r.findings())
                .extracting(Finding::id, f -> f.severity().label(), Finding::fixed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("CVE-2022-42889", "critical", List.of("1.10.0")),
                        org.assertj.core.groups.Tuple.tuple("CVE-2022-1471", "high", List.of("2.0")));
    }

    @Test
    void withdrawnAdvisoriesAreIgnored() throws Exception {
        ScanResult r = scan(TestData.jar("commons-lang3-3.12.0"));
        assertThat(r.packages()).extracting(PackageRef::name).containsExactly("org.apache.commons:commons-lang3");
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void springBootFatJar_nestedLibrariesAreFound_withTheirPath() throws Exception {
        Path app = TestData.fatJar(dir.resolve("shop.jar"), "log4j-core-2.14.1", "commons-text-1.10.0");
        ScanResult r = scan(app);
        assertThat(r.packages())
                .extracting(PackageRef::name)
                .containsExactlyInAnyOrder(
                        "com.example:shop", "org.apache.logging.log4j:log4j-core", "org.apache.commons:commons-text");
        Finding f = r.findings().stream()
                .filter(x -> x.id().equals("CVE-2021-44228"))
                .findFirst()
                .orElseThrow();
        assertThat(f.pkg().location()).isEqualTo(app + "!/BOOT-INF/lib/log4j-core-2.14.1.jar");
        assertThat(f.pkg().introducedThrough()).containsExactly(app.toString());
        assertThat(ids(r)).doesNotContain("CVE-2022-42889");
    }

    @Test
    void shadedJar_everyPomPropertiesInsideCounts() throws Exception {
        Path uber = TestData.shadedJar(dir.resolve("uber.jar"), "snakeyaml-1.33", "commons-text-1.9");
        ScanResult r = scan(uber);
        assertThat(r.packages())
                .extracting(PackageRef::name)
                .containsExactlyInAnyOrder("com.example:uber", "org.yaml:snakeyaml", "org.apache.commons:commons-text");
        assertThat(r.findings())
                .extracting(f -> f.pkg().location())
                .contains(uber + "!/META-INF/maven/org.yaml/snakeyaml/pom.properties");
        assertThat(ids(r)).containsExactlyInAnyOrder("CVE-2022-42889", "CVE-2022-1471");
    }

    @Test
    void aJarNothingIdentifiesIsNamed() throws Exception {
        Path anon = TestData.anonymousJar(dir.resolve("internal.jar"));
        ScanResult r = scan(anon, TestData.jar("snakeyaml-2.2"));
        assertThat(r.unidentified()).containsExactly(anon.toString());
        assertThat(r.problems()).isEmpty();
        assertThat(r.exitCode(FailOn.HIGH)).isZero();
    }

    @Test
    void aFolderIsSearchedForArchives() throws Exception {
        java.nio.file.Files.copy(TestData.jar("commons-text-1.9"), dir.resolve("commons-text-1.9.jar"));
        java.nio.file.Files.createDirectories(dir.resolve("lib/deeper"));
        java.nio.file.Files.copy(TestData.jar("snakeyaml-1.33"), dir.resolve("lib/deeper/snakeyaml-1.33.jar"));
        ScanResult r = scan(dir);
        assertThat(ids(r)).containsExactlyInAnyOrder("CVE-2022-42889", "CVE-2022-1471");
        assertThat(r.exitCode(FailOn.HIGH)).isEqualTo(1);
        assertThat(r.exitCode(FailOn.CRITICAL)).isEqualTo(1);
        assertThat(r.exitCode(FailOn.NEVER)).isZero();
    }

    @Test
    void aMissingPathIsAProblemNamingIt() throws Exception {
        ScanResult r = scan(dir.resolve("nope.jar"));
        assertThat(r.problems()).containsExactly(dir.resolve("nope.jar") + ": no such file or directory");
        assertThat(r.exitCode(FailOn.NEVER)).isEqualTo(2);
    }
}
