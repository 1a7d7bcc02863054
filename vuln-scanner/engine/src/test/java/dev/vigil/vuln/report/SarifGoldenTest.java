package dev.vigil.vuln.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.vuln.Finding;
import dev.vigil.vuln.PackageRef;
import dev.vigil.vuln.ScanResult;
import dev.vigil.vuln.Severity;
import dev.vigil.vuln.TestData;
import dev.vigil.vuln.VulnScanner;
import dev.vigil.vuln.suppress.Suppressions;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF report byte for byte against {@code sarif/golden.sarif}, written by the writer before its URI helpers
 * moved to {@code dev.vigil.config.SarifUris}: a real scan of the test jars (outside the base directory: absolute
 * URIs), a fat jar with a space and a non-ASCII letter in its name and an SBOM line (inside: relative URIs), plus
 * locations the helpers treat specially (a path outside with characters to escape, an invalid path). The machine's
 * directories are replaced by placeholders. Regenerate with {@code -Dvigil.updateGolden=true} only on purpose.
 */
class SarifGoldenTest {
    @TempDir
    Path dir;

    @Test
    void sarifIsByteIdenticalToTheGoldenFile() throws Exception {
        Path base = Files.createDirectories(dir.resolve("base"));
        Path fat = TestData.fatJar(
                Files.createDirectories(base.resolve("my app")).resolve("shöp app.jar"),
                "log4j-core-2.14.1",
                "commons-text-1.9");
        Path sbom = Files.writeString(
                base.resolve("bom.json"),
                "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [\n"
                        + "  {\"type\": \"library\", \"name\": \"snakeyaml\",\n"
                        + "   \"purl\": \"pkg:maven/org.yaml/snakeyaml@1.33\"}]}\n");
        ScanResult scanned = new VulnScanner(TestData.db(), Suppressions.none())
                .scan(VulnScanner.inventory(List.of(
                        outside(TestData.jar("log4j-core-2.14.1")),
                        outside(TestData.jar("snakeyaml-1.33")),
                        fat,
                        sbom)));
        assertThat(scanned.findings()).hasSizeGreaterThan(4);
        List<Finding> findings = new ArrayList<>(scanned.findings());
        Finding any = findings.get(0);
        findings.add(at(any, "/nowhere/with space/100%.jar!/lib/x.jar", false));
        findings.add(at(any, "bad\u0000name.jar", false));
        findings.add(at(any, base + "/image.tar!/var/lib/dpkg/status", true));
        ScanResult r = new ScanResult(
                findings, scanned.packages(), scanned.unidentified(), List.of("x.jar: unreadable: boom"), List.of());

        StringWriter out = new StringWriter();
        ScanReport.SARIF.write(r, base, "0.1.0", out);
        // every path lives under the temporary folder, so the order of the results and the text do not depend on
        // where the repository is checked out; fingerprints of absolute locations do, so they are masked
        Path outsideDir = dir.resolve("outside");
        String actual = out.toString()
                .replace(base.toAbsolutePath().toUri().toString(), "file:///BASE/")
                .replace(outsideDir.toAbsolutePath().toUri().toString(), "file:///OUTSIDE/")
                .replace(base.toString(), "/BASE")
                .replace(outsideDir.toString(), "/OUTSIDE")
                .replaceAll("(\"vigilVulnHash/v1\" : \")[0-9a-f]+\"", "$1(hash)\"");

        Path golden = Path.of("src/test/resources/sarif/golden.sarif");
        if (Boolean.getBoolean("vigil.updateGolden")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    private Path outside(Path jar) throws java.io.IOException {
        Path to = Files.createDirectories(dir.resolve("outside")).resolve(jar.getFileName());
        return Files.copy(jar, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static Finding at(Finding f, String location, boolean suppressed) {
        PackageRef p = f.pkg();
        PackageRef moved = new PackageRef(
                p.ecosystem(), p.name(), p.version(), p.purl(), location, p.introducedThrough(), null, null);
        return new Finding(
                f.id(),
                f.aliases(),
                Severity.LOW,
                f.summary(),
                moved,
                f.fixed(),
                suppressed,
                suppressed ? "not reachable" : null);
    }
}
