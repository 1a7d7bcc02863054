package dev.vigil.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.vuln.db.Advisory;
import dev.vigil.vuln.db.AdvisoryDatabase;
import dev.vigil.vuln.db.CorruptIndexException;
import dev.vigil.vuln.inventory.Inventory;
import dev.vigil.vuln.suppress.Suppressions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index cache: keyed by the database's file names, sizes and modification times (a zip by its entries' CRCs), never
 * read half-written, rebuilt with one warning when damaged.
 */
class IndexCacheTest {
    @TempDir
    Path dir;

    private static String advisory(int i, String fixed) {
        return """
                {"id": "GHSA-gen-%05d", "modified": "2025-01-01T00:00:00Z", "aliases": ["CVE-2025-%05d"],
                 "summary": "generated advisory %d",
                 "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
                 "affected": [{"package": {"ecosystem": "Maven", "name": "org.example:lib%d"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"fixed": "%s"}]}]}]}
                """.formatted(i, i, i, i, fixed);
    }

    private Path generated(int count) throws Exception {
        Path db = Files.createDirectories(dir.resolve("osv"));
        for (int i = 0; i < count; i++) {
            Files.writeString(db.resolve("GHSA-gen-%05d.json".formatted(i)), advisory(i, "1.5.0"));
        }
        return db;
    }

    private static List<String> fixedOf(AdvisoryDatabase db, String pkg) {
        return db.lookup("Maven", pkg).stream()
                .flatMap(e -> e.affected().ranges().stream())
                .flatMap(r -> r.events().stream())
                .filter(e -> e.kind().equals("fixed"))
                .map(Advisory.Event::version)
                .toList();
    }

    private Path cacheFile(Path cache) throws Exception {
        try (Stream<Path> s = Files.list(cache)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".idx")).toList();
            assertThat(files).hasSize(1);
            return files.get(0);
        }
    }

    @Test
    void aChangedAdvisoryOfTheSameSizeWithANewMtimeRebuildsTheIndex() throws Exception {
        Path db = generated(3);
        Path cache = dir.resolve("cache");
        assertThat(AdvisoryDatabase.open(db, cache).fromCache()).isFalse();
        AdvisoryDatabase warm = AdvisoryDatabase.open(db, cache);
        assertThat(warm.fromCache()).isTrue();
        assertThat(fixedOf(warm, "org.example:lib1")).containsExactly("1.5.0");

        Path f = db.resolve("GHSA-gen-00001.json");
        long size = Files.size(f);
        FileTime before = Files.getLastModifiedTime(f);
        Files.writeString(f, advisory(1, "1.6.0"));
        Files.setLastModifiedTime(f, FileTime.fromMillis(before.toMillis() + 2_000));
        assertThat(Files.size(f)).isEqualTo(size);

        AdvisoryDatabase changed = AdvisoryDatabase.open(db, cache);
        assertThat(changed.fromCache()).isFalse();
        assertThat(fixedOf(changed, "org.example:lib1")).containsExactly("1.6.0");
        AdvisoryDatabase again = AdvisoryDatabase.open(db, cache);
        assertThat(again.fromCache()).isTrue();
        assertThat(fixedOf(again, "org.example:lib1")).containsExactly("1.6.0");
    }

    /**
     * Makes the record of the advisory read from {@code advisoryFile} undecodable (its id's length becomes absurd) and
     * writes a valid checksum again, as a writer bug or a lying disk would: only a lookup that decodes it can notice.
     */
    static void corruptRecord(Path index, String advisoryFile) throws Exception {
        byte[] bytes = Files.readAllBytes(index);
        byte[] name = advisoryFile.getBytes(StandardCharsets.UTF_8);
        int at = indexOf(bytes, name);
        assertThat(at).as("record of %s in %s", advisoryFile, index).isPositive();
        ByteBuffer.wrap(bytes).putInt(at + name.length, 0x7fff_fff0);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer.wrap(bytes).putLong(bytes.length - 8, crc.getValue());
        Files.write(index, bytes);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void onlyTheLookedUpAdvisoriesAreDecodedAndACorruptOneIsOneProblemLineNamingItsFile() throws Exception {
        Path db = generated(3);
        Path cache = dir.resolve("cache");
        AdvisoryDatabase.open(db, cache);
        Path broken = db.resolve("GHSA-gen-00001.json");
        corruptRecord(cacheFile(cache), broken.toString());

        // the header, the package table and the other records are intact: the index opens from the cache
        AdvisoryDatabase warm = AdvisoryDatabase.open(db, cache);
        assertThat(warm.fromCache()).isTrue();
        assertThat(warm.warnings()).isEmpty();
        assertThat(warm.advisoryCount()).isEqualTo(3);
        assertThat(warm.countsByEcosystem()).containsExactly(Map.entry("Maven", 3));
        assertThat(fixedOf(warm, "org.example:lib2")).containsExactly("1.5.0");
        assertThatThrownBy(() -> warm.lookup("Maven", "org.example:lib1"))
                .isInstanceOf(CorruptIndexException.class)
                .hasMessageStartingWith(broken + ": corrupt record in the index cache ")
                .hasMessageContaining("bad string length")
                .hasMessageNotContaining("\n");

        Inventory inv = new Inventory();
        for (int i = 0; i < 3; i++) {
            inv.add(PackageRef.maven("org.example", "lib" + i, "1.2", "bom.json:" + (i + 1), List.of()));
        }
        inv.add(PackageRef.maven("org.example", "lib1", "1.3", "bom.json:9", List.of()));
        ScanResult r = new VulnScanner(AdvisoryDatabase.open(db, cache), Suppressions.none()).scan(inv);
        assertThat(r.problems()).hasSize(1);
        assertThat(r.problems().get(0))
                .startsWith(broken + ": corrupt record in the index cache ")
                .endsWith("; delete the cache file or scan with --no-cache")
                .doesNotContain("\n");
        assertThat(r.findings()).extracting(Finding::id).containsExactlyInAnyOrder("CVE-2025-00000", "CVE-2025-00002");
        assertThat(r.exitCode(FailOn.HIGH)).isEqualTo(ExitCode.ERROR);
    }

    @Test
    void aWarmIndexDecodesEveryAdvisoryOnlyWhenAllAreAskedFor() throws Exception {
        Path db = generated(4);
        Path cache = dir.resolve("cache");
        AdvisoryDatabase cold = AdvisoryDatabase.open(db, cache);
        AdvisoryDatabase warm = AdvisoryDatabase.open(db, cache);
        assertThat(warm.fromCache()).isTrue();
        assertThat(warm.advisories()).isEqualTo(cold.advisories());
        assertThat(warm.newestModified()).isEqualTo(cold.newestModified());
        assertThat(warm.countsByEcosystem()).isEqualTo(cold.countsByEcosystem());
        assertThat(warm.lookup("Maven", "org.example:lib3")).isEqualTo(cold.lookup("Maven", "org.example:lib3"));
    }

    @Test
    void anAddedOrRemovedAdvisoryRebuildsTheIndex() throws Exception {
        Path db = generated(3);
        Path cache = dir.resolve("cache");
        AdvisoryDatabase.open(db, cache);
        Files.writeString(db.resolve("GHSA-gen-00009.json"), advisory(9, "1.5.0"));
        AdvisoryDatabase added = AdvisoryDatabase.open(db, cache);
        assertThat(added.fromCache()).isFalse();
        assertThat(added.advisories()).hasSize(4);
        Files.delete(db.resolve("GHSA-gen-00000.json"));
        AdvisoryDatabase removed = AdvisoryDatabase.open(db, cache);
        assertThat(removed.fromCache()).isFalse();
        assertThat(removed.advisories()).hasSize(3);
        assertThat(removed.lookup("Maven", "org.example:lib0")).isEmpty();
    }

    @Test
    void aZipIsKeyedByItsEntriesContent() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            entries.put(
                    "osv/GHSA-gen-%05d.json".formatted(i), advisory(i, "1.5.0").getBytes(StandardCharsets.UTF_8));
        }
        Path zip = Files.write(dir.resolve("osv.zip"), TestData.zip(entries));
        Path cache = dir.resolve("cache");
        assertThat(AdvisoryDatabase.open(zip, cache).fromCache()).isFalse();
        assertThat(AdvisoryDatabase.open(zip, cache).fromCache()).isTrue();
        // the same size, another content, the old modification time: the entry's CRC-32 still tells
        FileTime before = Files.getLastModifiedTime(zip);
        entries.put("osv/GHSA-gen-00001.json", advisory(1, "1.6.0").getBytes(StandardCharsets.UTF_8));
        Files.write(zip, TestData.zip(entries));
        Files.setLastModifiedTime(zip, before);
        AdvisoryDatabase changed = AdvisoryDatabase.open(zip, cache);
        assertThat(changed.fromCache()).isFalse();
        assertThat(fixedOf(changed, "org.example:lib1")).containsExactly("1.6.0");
    }

    @Test
    void aCorruptCacheFileIsRebuiltWithOneWarning() throws Exception {
        Path db = generated(5);
        Path cache = dir.resolve("cache");
        AdvisoryDatabase cold = AdvisoryDatabase.open(db, cache);
        Path idx = cacheFile(cache);
        byte[] good = Files.readAllBytes(idx);
        List<byte[]> damages = List.of(
                "garbage".getBytes(StandardCharsets.UTF_8),
                new byte[0],
                java.util.Arrays.copyOf(good, good.length / 2), // truncated
                flip(good, good.length / 2), // one bit flipped in the middle: the checksum catches it
                java.util.Arrays.copyOf(good, good.length + 1)); // trailing byte
        for (byte[] damaged : damages) {
            Files.write(idx, damaged);
            AdvisoryDatabase rebuilt = AdvisoryDatabase.open(db, cache);
            assertThat(rebuilt.fromCache()).isFalse();
            assertThat(rebuilt.advisories()).isEqualTo(cold.advisories());
            assertThat(rebuilt.warnings())
                    .singleElement()
                    .satisfies(w -> assertThat(w)
                            .startsWith(idx + ": corrupt index cache, rebuilt from " + db + " (")
                            .doesNotContain("\n"));
            // and the cache is whole again
            AdvisoryDatabase warm = AdvisoryDatabase.open(db, cache);
            assertThat(warm.fromCache()).isTrue();
            assertThat(warm.warnings()).isEmpty();
            assertThat(warm.advisories()).isEqualTo(cold.advisories());
        }
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x10;
        return copy;
    }

    /**
     * Scans racing on a fresh cache while one keeps reading: whenever the index file exists it is complete (it is
     * renamed into place), so no scan ever warns about a corrupt cache or sees fewer advisories.
     */
    @Test
    void concurrentScansNeverReadAHalfWrittenIndex() throws Exception {
        Path db = generated(1500);
        List<Advisory> expected = AdvisoryDatabase.open(db, null).advisories();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 3; round++) {
                Path cache = dir.resolve("cache-" + round);
                Path idxDir = Files.createDirectories(cache);
                AtomicBoolean writing = new AtomicBoolean(true);
                ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
                CountDownLatch start = new CountDownLatch(1);
                // a reader that opens the database as soon as any index file appears
                Future<?> poller = pool.submit(() -> {
                    start.await();
                    while (writing.get()) {
                        try (Stream<Path> s = Files.list(idxDir)) {
                            if (s.anyMatch(p -> p.toString().endsWith(".idx"))) {
                                AdvisoryDatabase r = AdvisoryDatabase.open(db, cache);
                                seen.addAll(r.warnings());
                                if (r.advisories().size() != expected.size()) {
                                    seen.add("short read: " + r.advisories().size());
                                }
                            }
                        }
                    }
                    return null;
                });
                List<Future<AdvisoryDatabase>> writers = new ArrayList<>();
                for (int k = 0; k < 3; k++) {
                    writers.add(pool.submit(() -> {
                        start.await();
                        return AdvisoryDatabase.open(db, cache);
                    }));
                }
                start.countDown();
                for (Future<AdvisoryDatabase> w : writers) {
                    AdvisoryDatabase d = w.get(120, TimeUnit.SECONDS);
                    assertThat(d.warnings()).isEmpty();
                    assertThat(d.advisories()).isEqualTo(expected);
                }
                writing.set(false);
                poller.get(120, TimeUnit.SECONDS);
                assertThat(seen).isEmpty();
                // no temporary file is left behind
                try (Stream<Path> s = Files.list(idxDir)) {
                    assertThat(s.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".idx"));
                }
                assertThat(AdvisoryDatabase.open(db, cache).fromCache()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
