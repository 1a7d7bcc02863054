package dev.vigil.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.vigil.vuln.ImageArchives.Layer;
import dev.vigil.vuln.db.AdvisoryDatabase;
import dev.vigil.vuln.db.DatabaseException;
import dev.vigil.vuln.suppress.Suppressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jars without {@code pom.properties}: identified by their SHA-1 against the database's SHA-1 index
 * ({@code osv/maven-sha1.txt}, values from the Maven repository's published {@code .jar.sha1} files), named as
 * unidentified when the index does not know them either. bcprov-jdk18on 1.73 is published without
 * {@code META-INF/maven}; log4j-core 2.14.1 is used with its {@code pom.properties} stripped.
 */
class Sha1IdentificationTest {
    static final String BCPROV = "bcprov-jdk18on-1.73";

    @TempDir
    Path dir;

    private static ScanResult scan(AdvisoryDatabase db, Path... paths) {
        return new VulnScanner(db, Suppressions.none()).scan(VulnScanner.inventory(List.of(paths)));
    }

    private static ScanResult scan(Path... paths) throws Exception {
        return scan(TestData.db(), paths);
    }

    /** A copy of a real jar without its {@code META-INF/maven/**} entries. */
    private Path stripped(String name) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(TestData.jar(name).toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                if (!e.isDirectory() && !e.getName().startsWith("META-INF/maven/")) {
                    entries.put(e.getName(), z.getInputStream(e).readAllBytes());
                }
            }
        }
        return Files.write(dir.resolve(name + "-stripped.jar"), TestData.zip(entries));
    }

    private static String sha1(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(p)));
    }

    @Test
    void aJarWithoutPomPropertiesIsIdentifiedBySha1_andMatched() throws Exception {
        Path bcprov = TestData.jar(BCPROV);
        try (ZipFile z = new ZipFile(bcprov.toFile())) {
            assertThat(Collections.list(z.entries())).noneMatch(e -> e.getName().startsWith("META-INF/maven/"));
        }
        ScanResult r = scan(bcprov);
        assertThat(r.unidentified()).isEmpty();
        assertThat(r.packages())
                .extracting(PackageRef::name, PackageRef::version, PackageRef::location, PackageRef::purl)
                .containsExactly(tuple(
                        "org.bouncycastle:bcprov-jdk18on",
                        "1.73",
                        bcprov.toString(),
                        "pkg:maven/org.bouncycastle/bcprov-jdk18on@1.73"));
        assertThat(r.findings())
                .extracting(Finding::id, Finding::severity, Finding::fixed)
                .containsExactly(tuple("CVE-2023-33201", Severity.MEDIUM, List.of("1.74")));
    }

    @Test
    void aStrippedJarTheIndexDoesNotKnowIsNamedUnidentified() throws Exception {
        Path log4j = stripped("log4j-core-2.14.1");
        // stripping changed its bytes: the index holds the published jar's SHA-1 only
        assertThat(sha1(TestData.jar("log4j-core-2.14.1"))).isEqualTo("9141212b8507ab50a45525b545b39d224614528b");
        assertThat(sha1(log4j)).isNotEqualTo("9141212b8507ab50a45525b545b39d224614528b");
        ScanResult r = scan(log4j, TestData.jar(BCPROV));
        assertThat(r.unidentified()).containsExactly(log4j.toString());
        assertThat(r.packages()).extracting(PackageRef::name).containsExactly("org.bouncycastle:bcprov-jdk18on");
        assertThat(r.findings()).extracting(Finding::id).containsExactly("CVE-2023-33201");
    }

    @Test
    void aJarWithPomPropertiesIsIdentifiedOnce() throws Exception {
        ScanResult r = scan(TestData.jar("log4j-core-2.14.1"));
        assertThat(r.packages()).hasSize(1);
        assertThat(r.unidentified()).isEmpty();
    }

    @Test
    void aNestedJarIdentifiedBySha1_theEnclosingArchiveIsNotUnidentified() throws Exception {
        Map<String, byte[]> war = new LinkedHashMap<>();
        war.put("WEB-INF/web.xml", "<web-app/>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        war.put("WEB-INF/lib/" + BCPROV + ".jar", Files.readAllBytes(TestData.jar(BCPROV)));
        Path shop = Files.write(dir.resolve("shop.war"), TestData.zip(war));
        ScanResult r = scan(shop);
        assertThat(r.unidentified()).isEmpty();
        assertThat(r.findings())
                .extracting(f -> f.pkg().location(), f -> f.pkg().introducedThrough())
                .containsExactly(tuple(shop + "!/WEB-INF/lib/" + BCPROV + ".jar", List.of(shop.toString())));
    }

    @Test
    void aJarInAnImageLayerIsIdentifiedBySha1() throws Exception {
        Path image = ImageArchives.docker(
                dir.resolve("image.tar"),
                List.of(new Layer()
                        .file("app/lib/" + BCPROV + ".jar", TestData.jar(BCPROV))
                        .gzip()));
        ScanResult r = scan(image);
        assertThat(r.unidentified()).isEmpty();
        assertThat(r.findings())
                .extracting(Finding::id, f -> f.pkg().location())
                .containsExactly(tuple("CVE-2023-33201", image + "!/app/lib/" + BCPROV + ".jar"));
    }

    @Test
    void withoutAnIndexEntryTheJarStaysUnidentified() throws Exception {
        Path db = copyOfTestDb();
        Files.delete(db.resolve(AdvisoryDatabase.SHA1_INDEX));
        ScanResult r = scan(AdvisoryDatabase.open(db, null), TestData.jar(BCPROV));
        assertThat(r.unidentified()).containsExactly(TestData.jar(BCPROV).toString());
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void theIndexWorksFromAZipAndThroughTheCache() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(TestData.osv())) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                entries.put("osv/" + TestData.osv().relativize(p), Files.readAllBytes(p));
            }
        }
        Path zip = Files.write(dir.resolve("osv.zip"), TestData.zip(entries));
        Path cache = dir.resolve("cache");
        for (int run = 0; run < 2; run++) {
            AdvisoryDatabase db = AdvisoryDatabase.open(zip, cache);
            assertThat(db.fromCache()).isEqualTo(run == 1);
            assertThat(db.sha1IndexSize()).isEqualTo(2);
            assertThat(scan(db, TestData.jar(BCPROV)).findings())
                    .extracting(Finding::id)
                    .containsExactly("CVE-2023-33201");
        }
    }

    @Test
    void aCorruptIndexLineIsNamedWithItsLine() throws Exception {
        Path db = copyOfTestDb();
        Path index = db.resolve(AdvisoryDatabase.SHA1_INDEX);
        Files.writeString(index, "# comment\n\n4bd3de48e5153059fe3f80cbcf86ea221795ee55 org.bouncycastle:bcprov\n");
        assertThatThrownBy(() -> AdvisoryDatabase.open(db, null))
                .isInstanceOf(DatabaseException.class)
                .hasMessage(index + ":3: corrupt SHA-1 index: expected 'SHA1 groupId:artifactId:version', got"
                        + " '4bd3de48e5153059fe3f80cbcf86ea221795ee55 org.bouncycastle:bcprov'");
    }

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
}
