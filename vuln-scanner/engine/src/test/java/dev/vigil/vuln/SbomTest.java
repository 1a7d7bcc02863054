package dev.vigil.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.vuln.suppress.Suppressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomTest {
    @TempDir
    Path dir;

    static final String CYCLONEDX = """
            {
              "bomFormat": "CycloneDX",
              "specVersion": "1.5",
              "version": 1,
              "metadata": {"component": {"type": "application", "name": "shop", "purl": "pkg:maven/com.example/shop@1.0.0"}},
              "components": [
                {
                  "type": "library",
                  "group": "org.yaml",
                  "name": "snakeyaml",
                  "version": "1.33",
                  "purl": "pkg:maven/org.yaml/snakeyaml@1.33"
                },
                {
                  "type": "library",
                  "name": "spring-boot",
                  "purl": "pkg:maven/org.springframework.boot/spring-boot@3.2.0",
                  "components": [
                    {"type": "library", "name": "log4j-core", "purl": "pkg:maven/org.apache.logging.log4j/log4j-core@2.3?type=jar"}
                  ]
                },
                {"type": "library", "name": "left-pad", "purl": "pkg:npm/left-pad@1.3.0"}
              ]
            }
            """;

    static final String SPDX = """
            {
              "spdxVersion": "SPDX-2.3",
              "dataLicense": "CC0-1.0",
              "SPDXID": "SPDXRef-DOCUMENT",
              "name": "shop",
              "packages": [
                {
                  "SPDXID": "SPDXRef-Package-commons-text",
                  "name": "commons-text",
                  "versionInfo": "1.9",
                  "externalRefs": [
                    {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                     "referenceLocator": "pkg:maven/org.apache.commons/commons-text@1.9"}
                  ]
                },
                {
                  "SPDXID": "SPDXRef-Package-libssl",
                  "name": "libssl1.1",
                  "externalRefs": [
                    {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                     "referenceLocator": "pkg:deb/debian/libssl1.1@1.1.1n-0%2Bdeb11u3?arch=amd64&upstream=openssl&distro=debian-11"}
                  ]
                }
              ]
            }
            """;

    private static ScanResult scan(Path p) throws Exception {
        return new VulnScanner(TestData.db(), Suppressions.none()).scan(VulnScanner.inventory(List.of(p)));
    }

    @Test
    void cycloneDx_nestedComponents_locatedAtThePurlLine() throws Exception {
        Path sbom = Files.writeString(dir.resolve("bom.json"), CYCLONEDX);
        ScanResult r = scan(sbom);
        assertThat(r.findings())
                .extracting(Finding::id, f -> f.pkg().location(), Finding::fixed)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("CVE-2022-1471", sbom + ":12", List.of("2.0")),
                        // 2.3 is in the 2.0-beta9 range: fixed in 2.3.1 (and 2.3.2 for CVE-2021-44832), not 2.15.0
                        org.assertj.core.groups.Tuple.tuple("CVE-2021-44228", sbom + ":19", List.of("2.3.1")),
                        org.assertj.core.groups.Tuple.tuple("CVE-2021-45046", sbom + ":19", List.of("2.12.2")),
                        org.assertj.core.groups.Tuple.tuple("CVE-2021-44832", sbom + ":19", List.of("2.3.2")));
        assertThat(r.packages()).hasSize(4);
    }

    @Test
    void spdx_mavenAndDebianPurls() throws Exception {
        Path sbom = Files.writeString(dir.resolve("shop.spdx.json"), SPDX);
        ScanResult r = scan(sbom);
        assertThat(r.findings())
                .extracting(Finding::id, f -> f.pkg().ecosystem())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("DSA-5343-1", "Debian:11"),
                        org.assertj.core.groups.Tuple.tuple("CVE-2022-42889", "Maven"));
    }

    @Test
    void anUnsupportedCycloneDxVersionIsAProblem() throws Exception {
        Path sbom = Files.writeString(dir.resolve("old.json"), CYCLONEDX.replace("\"1.5\"", "\"1.2\""));
        assertThat(scan(sbom).problems())
                .containsExactly(sbom + ": CycloneDX specVersion '1.2' is not supported, expected 1.4 to 1.6");
    }

    /** The location is the line of the purl field, not of an earlier bom-ref holding the same string. */
    @Test
    void theLocationIsThePurlsOwnLine() throws Exception {
        Path sbom = Files.writeString(dir.resolve("bom-ref.cdx.json"), """
                {
                  "bomFormat": "CycloneDX",
                  "specVersion": "1.6",
                  "components": [
                    {
                      "bom-ref": "pkg:maven/org.yaml/snakeyaml@1.33",
                      "type": "library",
                      "name": "snakeyaml",
                      "purl": "pkg:maven/org.yaml/snakeyaml@1.33"
                    }
                  ]
                }
                """);
        ScanResult r = new VulnScanner(TestData.db(), Suppressions.none()).scan(VulnScanner.inventory(List.of(sbom)));
        assertThat(r.packages()).extracting(PackageRef::location).containsExactly(sbom + ":9");
    }
}
