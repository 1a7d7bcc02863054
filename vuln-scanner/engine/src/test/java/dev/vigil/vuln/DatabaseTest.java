package dev.vigil.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.vuln.db.AdvisoryDatabase;
import dev.vigil.vuln.db.DatabaseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    private Path copyOfTestDb() throws Exception {
        Path db = dir.resolve("osv");
        try (Stream<Path> s = Files.walk(TestData.osv())) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path to = db.resolve(TestData.osv().relativize(p).toString());
                Files.createDirectories(to.getParent());
                Files.copy(p, to);
            }
        }
        return db;
    }

    @Test
    void countsPerEcosystemAndNewestModified_withdrawnLeftOut() throws Exception {
        AdvisoryDatabase db = TestData.db();
        assertThat(db.countsByEcosystem())
                .containsExactly(Map.entry("Alpine:v3.18", 1), Map.entry("Debian:11", 1), Map.entry("Maven", 7));
        assertThat(db.newestModified()).isEqualTo(Instant.parse("2025-02-04T19:04:14Z"));
    }

    @Test
    void aCorruptAdvisoryIsNamed() throws Exception {
        Path db = copyOfTestDb();
        Files.writeString(db.resolve("maven/GHSA-broken.json"), "{\"id\": \"GHSA-x\", \"affected\": [");
        assertThatThrownBy(() -> AdvisoryDatabase.open(db, null))
                .isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith(db.resolve("maven/GHSA-broken.json") + ":1: corrupt advisory");
    }

    @Test
    void anAdvisoryWithoutIdIsCorrupt() throws Exception {
        Path db = copyOfTestDb();
        Files.writeString(db.resolve("x.json"), "{\"affected\": []}");
        assertThatThrownBy(() -> AdvisoryDatabase.open(db, null))
                .hasMessage(db.resolve("x.json") + ": corrupt advisory: no 'id'");
    }

    @Test
    void aMissingDatabaseIsNamed() {
        assertThatThrownBy(() -> AdvisoryDatabase.open(dir.resolve("none"), null))
                .hasMessage(dir.resolve("none") + ": advisory database not found");
    }

    @Test
    void aZipWorksLikeAFolder() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(TestData.osv())) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                entries.put("osv/" + TestData.osv().relativize(p), Files.readAllBytes(p));
            }
        }
        Path zip = Files.write(dir.resolve("osv.zip"), TestData.zip(entries));
        AdvisoryDatabase db = AdvisoryDatabase.open(zip, null);
        assertThat(db.countsByEcosystem()).isEqualTo(TestData.db().countsByEcosystem());
    }

    @Test
    void theIndexIsCachedByContent_andAChangeRebuildsIt() throws Exception {
        Path db = copyOfTestDb();
        Path cache = dir.resolve("cache");
        AdvisoryDatabase first = AdvisoryDatabase.open(db, cache);
        assertThat(first.fromCache()).isFalse();
        AdvisoryDatabase second = AdvisoryDatabase.open(db, cache);
        assertThat(second.fromCache()).isTrue();
        assertThat(second.advisories()).isEqualTo(first.advisories());
        Path f = db.resolve("maven/GHSA-mjmj-j48q-9wg2.json");
        Files.writeString(f, Files.readString(f).replace("\"fixed\": \"2.0\"", "\"fixed\": \"1.34\""));
        AdvisoryDatabase third = AdvisoryDatabase.open(db, cache);
        assertThat(third.fromCache()).isFalse();
        assertThat(third.lookup("Maven", "org.yaml:snakeyaml")
                        .get(0)
                        .affected()
                        .ranges()
                        .get(0)
                        .events())
                .extracting(e -> e.version())
                .containsExactly("0", "1.34");
        assertThat(AdvisoryDatabase.open(db, cache).fromCache()).isTrue();
    }
}
