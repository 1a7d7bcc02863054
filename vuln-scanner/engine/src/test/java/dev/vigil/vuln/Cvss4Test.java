package dev.vigil.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.vuln.db.AdvisoryDatabase;
import dev.vigil.vuln.suppress.Suppressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CVSS v4.0 scoring (FIRST's MacroVector lookup and interpolation) and its use for severities and --fail-on. */
class Cvss4Test {
    @TempDir
    Path dir;

    /**
     * The top of the scale (10.0; 9.3 without subsequent-system impact), nothing affected (0.0), a local
     * low-privilege vector (8.5), threat and supplemental metrics: the scores FIRST's calculator gives (checked against
     * both implementations named in the fixture).
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H | 10.0",
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N | 9.3",
                "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N | 8.5",
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N | 0.0",
                // threat: an unreported exploit maturity lowers the score; supplemental metrics do not score
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U | 8.1",
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/U:Red | 9.3",
            })
    void knownScores(String vector, double score) {
        assertThat(Cvss4.score(vector)).isEqualTo(score);
    }

    /**
     * 1,788 seeded random vectors, base and with threat and environmental metrics, against the scores of an
     * independent implementation of FIRST's calculator (the fixture's header names it).
     */
    @Test
    void agreesWithTheReferenceCalculatorOnEveryFixtureVector() throws Exception {
        List<String> lines =
                Files.readAllLines(Path.of(Objects.requireNonNull(getClass().getResource("/cvss/cvss4-vectors.tsv"))
                        .toURI()));
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            double expected = Double.parseDouble(f[1]);
            double actual = Cvss4.score(f[0]);
            checked++;
            if (actual != expected) {
                wrong.add(f[0] + ": expected " + expected + ", got " + actual);
            }
        }
        assertThat(checked).isEqualTo(1788);
        assertThat(wrong).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", // another version
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", // SA missing
                "CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", // X is no base value
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/AV:L", // twice
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/XX:Y", // unknown metric
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N", // S only as MSI
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/", // empty part
                "",
            })
    void invalidVectorsDoNotScore(String vector) {
        assertThat(Cvss4.score(vector)).isEqualTo(-1);
    }

    /** A v4-only advisory takes its severity from the vector, and --fail-on counts it like a v3 one. */
    @Test
    void aV4OnlyAdvisoryGetsItsSeverityFromTheVector() throws Exception {
        Path db = Files.createDirectories(dir.resolve("osv"));
        Files.writeString(db.resolve("GHSA-v4.json"), """
                {"id": "GHSA-v4", "modified": "2025-01-01T00:00:00Z",
                 "severity": [{"type": "CVSS_V4",
                               "score": "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}],
                 "affected": [{"package": {"ecosystem": "Maven", "name": "org.yaml:snakeyaml"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}],
                   "database_specific": {"severity": "LOW"}}]}
                """);
        ScanResult r = new VulnScanner(AdvisoryDatabase.open(db, null), Suppressions.none())
                .scan(VulnScanner.inventory(List.of(TestData.jar("snakeyaml-1.33"))));
        // 8.5: high, and the vector wins over the database's own rating
        assertThat(r.findings())
                .extracting(Finding::id, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GHSA-v4", Severity.HIGH));
        assertThat(r.exitCode(FailOn.HIGH)).isEqualTo(1);
        assertThat(r.exitCode(FailOn.CRITICAL)).isZero();
    }
}
