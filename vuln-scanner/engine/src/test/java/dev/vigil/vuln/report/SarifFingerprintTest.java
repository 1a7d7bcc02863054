package dev.vigil.vuln.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.vuln.Finding;
import dev.vigil.vuln.PackageRef;
import dev.vigil.vuln.ScanResult;
import dev.vigil.vuln.Severity;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GitHub code scanning matches results across runs by {@code partialFingerprints}: a finding that did not change
 * must keep its fingerprint wherever the repository is checked out and whatever else the report holds, and two
 * different findings must not share one. (The golden-file test masks fingerprints, since its absolute locations
 * depend on the machine.)
 */
class SarifFingerprintTest {
    private static final String LOG4SHELL = "CVE-2021-44228";

    @Test
    void aFindingKeepsItsFingerprintInAnotherCheckoutAndNextToOtherFindings() throws Exception {
        String a = fingerprints(Path.of("/home/alice/src/shop"), List.of(finding(LOG4SHELL, "lib/log4j-core.jar")))
                .get(0);
        String b = fingerprints(
                        Path.of("/builds/ci/1234/shop"),
                        List.of(
                                finding("CVE-2022-1471", "lib/snakeyaml.jar"),
                                finding(LOG4SHELL, "lib/log4j-core.jar")))
                .get(1);
        assertThat(a).isNotBlank().isEqualTo(b);
    }

    @Test
    void anotherAdvisoryOrAnotherLocationIsAnotherFingerprint() throws Exception {
        List<String> f = fingerprints(
                Path.of("/src/shop"),
                List.of(
                        finding(LOG4SHELL, "lib/log4j-core.jar"),
                        finding("CVE-2021-45046", "lib/log4j-core.jar"),
                        finding(LOG4SHELL, "other/log4j-core.jar")));
        assertThat(f).doesNotHaveDuplicates().hasSize(3);
    }

    private static List<String> fingerprints(Path base, List<Finding> relative) throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (Finding f : relative) {
            PackageRef p = f.pkg();
            findings.add(new Finding(
                    f.id(),
                    f.aliases(),
                    f.severity(),
                    f.summary(),
                    new PackageRef(
                            p.ecosystem(),
                            p.name(),
                            p.version(),
                            p.purl(),
                            base.resolve(p.location()).toString(),
                            p.introducedThrough(),
                            null,
                            null),
                    f.fixed(),
                    false,
                    null));
        }
        StringWriter out = new StringWriter();
        ScanReport.SARIF.write(
                new ScanResult(findings, List.of(), List.of(), List.of(), List.of()), base, "0.1.0", out);
        List<String> prints = new ArrayList<>();
        for (JsonNode r : JsonWriter.MAPPER.readTree(out.toString()).at("/runs/0/results")) {
            prints.add(r.at("/partialFingerprints/vigilVulnHash~1v1").asText());
        }
        return prints;
    }

    private static Finding finding(String id, String location) {
        PackageRef p = new PackageRef(
                "Maven",
                "org.apache.logging.log4j:log4j-core",
                "2.14.1",
                "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
                location,
                List.of(),
                null,
                null);
        return new Finding(id, List.of(), Severity.CRITICAL, "x", p, List.of("2.15.0"), false, null);
    }
}
