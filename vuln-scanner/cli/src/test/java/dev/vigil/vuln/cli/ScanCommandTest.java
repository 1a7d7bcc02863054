package dev.vigil.vuln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil scan} end to end: the contract acceptance tests rely on (flags, JSON fields, exit codes). */
class ScanCommandTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Instant NOW = Instant.parse("2025-02-06T12:00:00Z");

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return MAPPER.readTree(out);
        }
    }

    static Path osv() {
        return Path.of(System.getProperty("vigil.osv"));
    }

    static Path jar(String name) {
        return Path.of(System.getProperty("vigil.testJars"), name + ".jar");
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--cache-dir") && !all.contains("--no-cache")) {
            all.add("--cache-dir");
            all.add(dir.resolve("cache").toString());
        }
        int exit = new ScanCommand().execute(all.toArray(String[]::new), out, new PrintWriter(err, true), NOW);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void jsonContract_log4Shell() throws Exception {
        Run r = run(jar("log4j-core-2.14.1").toString(), "--db", osv().toString(), "--format", "json");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode root = r.json();
        JsonNode f = null;
        for (JsonNode n : root.get("findings")) {
            if (n.get("id").asText().equals("CVE-2021-44228")) {
                f = n;
            }
        }
        assertThat(f).isNotNull();
        assertThat(f.get("aliases").toString()).isEqualTo("[\"GHSA-jfh8-c2jp-5v3q\"]");
        assertThat(f.get("severity").asText()).isEqualTo("critical");
        assertThat(f.get("package").get("ecosystem").asText()).isEqualTo("Maven");
        assertThat(f.get("package").get("name").asText()).isEqualTo("org.apache.logging.log4j:log4j-core");
        assertThat(f.get("package").get("version").asText()).isEqualTo("2.14.1");
        assertThat(f.get("package").get("purl").asText())
                .isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
        assertThat(f.get("fixed").toString()).isEqualTo("[\"2.15.0\"]");
        assertThat(f.get("location").asText())
                .isEqualTo(jar("log4j-core-2.14.1").toString());
        assertThat(f.get("introducedThrough").isArray()).isTrue();
        assertThat(f.get("suppressed").asBoolean()).isFalse();
        JsonNode s = root.get("summary");
        assertThat(s.get("packages").asInt()).isEqualTo(1);
        assertThat(s.get("findings").asInt()).isEqualTo(3);
        assertThat(s.get("critical").asInt()).isEqualTo(2);
        assertThat(s.get("medium").asInt()).isEqualTo(1);
        // GitHub's MODERATE is medium
        assertThat(root.get("findings").findValuesAsText("severity")).containsOnly("critical", "medium");
    }

    @Test
    void failOnThresholds() {
        String yaml = jar("snakeyaml-1.33").toString(); // one high finding
        assertThat(run(yaml, "--db", osv().toString()).exit()).isEqualTo(1);
        assertThat(run(yaml, "--db", osv().toString(), "--fail-on", "critical").exit())
                .isZero();
        assertThat(run(yaml, "--db", osv().toString(), "--fail-on", "medium").exit())
                .isEqualTo(1);
        assertThat(run(yaml, "--db", osv().toString(), "--fail-on", "never").exit())
                .isZero();
        Run bad = run(yaml, "--db", osv().toString(), "--fail-on", "severe");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--fail-on: 'severe' is not one of critical, high, medium, low, never");
    }

    @Test
    void aMissingInputPathIsExit2NamingIt() {
        Path missing = dir.resolve("nowhere/app.jar");
        Run r = run(missing.toString(), "--db", osv().toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains(missing.toString())
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void aCachedAdvisoryThatDoesNotDecodeWhenLookedUpIsExit2NamingTheFile() throws Exception {
        Path db = Files.createDirectories(dir.resolve("osv-lazy"));
        try (Stream<Path> s = Files.walk(osv())) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path to = db.resolve(osv().relativize(p).toString());
                Files.createDirectories(to.getParent());
                Files.copy(p, to);
            }
        }
        Path cache = dir.resolve("cache-lazy");
        String snakeyaml = jar("snakeyaml-1.33").toString();
        assertThat(run(snakeyaml, "--db", db.toString(), "--cache-dir", cache.toString())
                        .exit())
                .isEqualTo(1);
        Path record;
        try (Stream<Path> s = Files.walk(db)) {
            record = s.filter(p -> p.getFileName().toString().contains("GHSA-mjmj-j48q-9wg2"))
                    .findFirst()
                    .orElseThrow();
        }
        Path index;
        try (Stream<Path> s = Files.list(cache)) {
            index = s.filter(p -> p.toString().endsWith(".idx")).findFirst().orElseThrow();
        }
        // the record's id length made absurd, the checksum made valid again: only the lookup can notice
        byte[] bytes = Files.readAllBytes(index);
        byte[] name = record.toString().getBytes(StandardCharsets.UTF_8);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(new String(name, StandardCharsets.ISO_8859_1));
        assertThat(at).isPositive();
        ByteBuffer.wrap(bytes).putInt(at + name.length, 0x7fff_fff0);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer.wrap(bytes).putLong(bytes.length - 8, crc.getValue());
        Files.write(index, bytes);

        Run r = run(snakeyaml, "--db", db.toString(), "--cache-dir", cache.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("vigil scan: " + record + ": corrupt record in the index cache " + index)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void aCorruptAdvisoryIsExit2NamingTheFile() throws Exception {
        Path db = dir.resolve("osv");
        try (Stream<Path> s = Files.walk(osv())) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path to = db.resolve(osv().relativize(p).toString());
                Files.createDirectories(to.getParent());
                Files.copy(p, to);
            }
        }
        Path bad = Files.writeString(db.resolve("maven/GHSA-bad.json"), "{\"id\": \"GHSA-bad\", \"affected\": {");
        Run r = run(jar("snakeyaml-1.33").toString(), "--db", db.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("vigil scan: " + bad + ":1: corrupt advisory")
                .doesNotContain("\tat ");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void aMissingDatabaseIsExit2() {
        Run r = run(
                jar("snakeyaml-1.33").toString(), "--db", dir.resolve("no-db").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("vigil scan: " + dir.resolve("no-db") + ": advisory database not found\n");
    }

    @Test
    void unidentifiedJarsAreNamedInTextAndOnStderr_exitUnchanged() throws Exception {
        Path anon = dir.resolve("internal.jar");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(anon))) {
            out.putNextEntry(new java.util.zip.ZipEntry("com/example/Internal.class"));
            out.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
            out.closeEntry();
        }
        Run r = run(anon.toString(), "--db", osv().toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("unidentified: " + anon);
        assertThat(r.err()).contains("unidentified: " + anon);
    }

    @Test
    void textReportShowsSeverityIdPackageAndFix() {
        Run r = run(jar("commons-text-1.9").toString(), "--db", osv().toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains("CRITICAL CVE-2022-42889 org.apache.commons:commons-text 1.9 → 1.10.0")
                .contains("1 packages, 1 vulnerability (1 critical), 0 suppressed");
    }

    @Test
    void dbInfo() {
        Run r = run("--db-info", "--db", osv().toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .isEqualTo("advisories: 9\n  Alpine:v3.18: 1\n  Debian:11: 1\n  Maven: 7\n"
                        + "newest modified: 2025-02-04T19:04:14Z\n");
    }

    @Test
    void aCorruptIndexCacheIsRebuiltWithAOneLineWarning() throws Exception {
        Path cache = dir.resolve("cache");
        assertThat(run("--db-info", "--db", osv().toString()).err()).isEmpty();
        List<Path> idx;
        try (Stream<Path> s = Files.list(cache)) {
            idx = s.toList();
        }
        assertThat(idx).singleElement().satisfies(p -> assertThat(p.toString()).endsWith(".idx"));
        Files.writeString(idx.get(0), "not an index");
        Run r = run(jar("commons-text-1.9").toString(), "--db", osv().toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("CRITICAL CVE-2022-42889 org.apache.commons:commons-text 1.9 → 1.10.0");
        assertThat(r.err())
                .isEqualTo("warning: " + idx.get(0) + ": corrupt index cache, rebuilt from " + osv()
                        + " (not an index of this format)\n");
        assertThat(run(jar("commons-text-1.9").toString(), "--db", osv().toString())
                        .err())
                .isEmpty();
    }

    @Test
    void maxDbAge() {
        // NOW is 2025-02-06T12:00Z, the newest advisory 2025-02-04T19:04:14Z
        assertThat(run(
                                jar("snakeyaml-1.33").toString(),
                                "--db",
                                osv().toString(),
                                "--max-db-age",
                                "7d",
                                "--fail-on",
                                "never")
                        .exit())
                .isZero();
        Run old = run(jar("snakeyaml-1.33").toString(), "--db", osv().toString(), "--max-db-age", "1d");
        assertThat(old.exit()).isEqualTo(2);
        assertThat(old.err())
                .isEqualTo("vigil scan: the advisory database is older than 1d (newest modified:"
                        + " 2025-02-04T19:04:14Z); update it\n");
        Run bad = run(jar("snakeyaml-1.33").toString(), "--db", osv().toString(), "--max-db-age", "week");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--max-db-age: 'week' is not a duration");
    }

    @Test
    void suppressionsWithReasonAndExpiry() throws Exception {
        Path cfg = Files.writeString(dir.resolve(".vigil.yaml"), """
                vulnerabilities:
                  ignore:
                    - id: GHSA-mjmj-j48q-9wg2
                      package: org.yaml:snakeyaml
                      reason: we only load YAML we wrote ourselves
                      expires: 2025-03-01
                    - id: CVE-2022-42889
                      reason: expired long ago
                      expires: 2024-01-01
                """);
        Run r = run(
                jar("snakeyaml-1.33").toString(),
                jar("commons-text-1.9").toString(),
                "--db",
                osv().toString(),
                "--config",
                cfg.toString(),
                "--format",
                "json");
        // the expired suppression no longer applies: Text4Shell still fails the run
        assertThat(r.exit()).isEqualTo(1);
        JsonNode root = r.json();
        JsonNode yaml = root.get("findings").get(1);
        assertThat(yaml.get("id").asText()).isEqualTo("CVE-2022-1471");
        assertThat(yaml.get("suppressed").asBoolean()).isTrue();
        assertThat(yaml.get("justification").asText()).isEqualTo("we only load YAML we wrote ourselves");
        assertThat(root.get("findings").get(0).get("suppressed").asBoolean()).isFalse();
        assertThat(r.err()).contains("warning: " + cfg + ":7: suppression of CVE-2022-42889 expired on 2024-01-01");
        assertThat(root.get("summary").get("suppressed").asInt()).isEqualTo(1);
    }

    @Test
    void aSuppressionWithoutReasonIsExit2WithItsLine() throws Exception {
        Path cfg = Files.writeString(
                dir.resolve("vigil.yaml"),
                "vulnerabilities:\n  ignore:\n    - id: CVE-2022-1471\n      expires: soon\n");
        Run r = run(jar("snakeyaml-1.33").toString(), "--db", osv().toString(), "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo(cfg + ":3: vulnerabilities.ignore[0]: has no reason, expected a reason saying why the"
                        + " suppression is needed\n" + cfg + ":4: vulnerabilities.ignore[0].expires: 'soon' is not a"
                        + " date, expected YYYY-MM-DD\n");
    }

    @Test
    void openVexAndCycloneDxVexNotAffected() throws Exception {
        Path openvex = Files.writeString(dir.resolve("app.openvex.json"), """
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/1", "author": "shop team",
                 "timestamp": "2025-01-01T00:00:00Z", "version": 1,
                 "statements": [{"vulnerability": {"name": "CVE-2022-1471"},
                   "products": [{"@id": "pkg:maven/org.yaml/snakeyaml"}],
                   "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}
                """);
        Path cdx = Files.writeString(dir.resolve("app.cdx-vex.json"), """
                {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
                 "vulnerabilities": [{"id": "CVE-2022-42889",
                   "analysis": {"state": "not_affected", "justification": "code_not_reachable"},
                   "affects": [{"ref": "pkg:maven/org.apache.commons/commons-text@1.9"}]}]}
                """);
        Run r = run(
                jar("snakeyaml-1.33").toString(),
                jar("commons-text-1.9").toString(),
                "--db",
                osv().toString(),
                "--vex",
                openvex.toString(),
                "--vex",
                cdx.toString(),
                "--format",
                "json");
        assertThat(r.exit()).isZero();
        assertThat(r.json().get("findings").findValuesAsText("suppressed")).containsOnly("true");
        assertThat(r.json().get("findings").findValuesAsText("justification"))
                .containsExactlyInAnyOrder(
                        "VEX not_affected (app.cdx-vex.json): code_not_reachable",
                        "VEX not_affected (app.openvex.json): vulnerable_code_not_in_execute_path");
    }

    @Test
    void sbomOutRoundTrips() throws Exception {
        Path sbom = dir.resolve("out/bom.json");
        Run r = run(jar("log4j-core-2.14.1").toString(), "--db", osv().toString(), "--sbom-out", sbom.toString());
        assertThat(r.exit()).isEqualTo(1);
        JsonNode bom = MAPPER.readTree(sbom.toFile());
        assertThat(bom.get("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.get("specVersion").asText()).isEqualTo("1.6");
        assertThat(bom.get("components").findValuesAsText("purl"))
                .containsExactly("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
        // and the SBOM scans to the same findings
        Run again = run(sbom.toString(), "--db", osv().toString(), "--format", "json");
        assertThat(again.json().get("findings").findValuesAsText("id"))
                .containsExactlyInAnyOrder("CVE-2021-44228", "CVE-2021-45046", "CVE-2021-44832");
    }

    @Test
    void junitReportIsWellFormed() throws Exception {
        Run r = run(jar("commons-text-1.9").toString(), "--db", osv().toString(), "--format", "junit");
        assertThat(r.exit()).isEqualTo(1);
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(r.out().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("failure")
                        .item(0)
                        .getAttributes()
                        .getNamedItem("message")
                        .getNodeValue())
                .isEqualTo("org.apache.commons:commons-text 1.9 is affected by CVE-2022-42889 (GHSA-599f-7c49-w659),"
                        + " severity critical; fixed in 1.10.0.");
    }

    @Test
    void helpListsExitCodes() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("Exit codes:")
                .contains("--fail-on")
                .contains("--db-info")
                .contains("--sbom-out");
    }
}
