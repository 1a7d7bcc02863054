package dev.vigil.vuln.db;

import dev.vigil.vuln.Severity;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The parsed advisories as one compact binary file, so a warm scan reads one file instead of parsing thousands of
 * JSON documents, and decodes only the advisories it looks up. Layout: magic, format, the header (advisory count,
 * counts per ecosystem, newest {@code modified}), the SHA-1 index, the package table (package key → offsets of the
 * records and which affected entry), the advisory records, then a CRC-32C of everything before it. A file that
 * does not read back completely (truncated, bit flips, another format) is an {@link IOException}: the caller rebuilds
 * it. Written to a temporary file and renamed into place atomically, so a concurrent reader sees either no file or a
 * complete one.
 */
final class IndexCache {
    private static final int MAGIC = 0x5647_4f53; // "VGOS"
    private static final int MAX_STRING = 16 << 20;

    private IndexCache() {}

    /**
     * Reads the index's header (advisory count, counts per ecosystem, newest {@code modified}), its SHA-1 index and its
     * package table, after checking the whole file's CRC-32C; the advisory records stay undecoded until
     * {@link Lazy#entries} asks for them.
     */
    static Lazy read(Path file, int format) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer head = ByteBuffer.wrap(bytes);
        if (bytes.length < 8 || head.getInt(0) != MAGIC || head.getInt(4) != format) {
            throw new IOException("not an index of this format");
        }
        if (bytes.length < 16) {
            throw new IOException("truncated");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 8);
        if (head.getLong(bytes.length - 8) != crc.getValue()) {
            throw new IOException("checksum mismatch");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 8, bytes.length - 16));
        Reader r = new Reader(in);
        int advisoryCount = r.count();
        Map<String, Integer> counts = new TreeMap<>();
        int ecosystems = r.count();
        for (int k = 0; k < ecosystems; k++) {
            counts.put(r.required(), r.count());
        }
        String newest = r.string();
        Map<String, String> sha1 = new HashMap<>();
        int jars = r.count();
        for (int k = 0; k < jars; k++) {
            sha1.put(r.required(), r.required());
        }
        int keys = r.count();
        Map<String, int[]> table = new HashMap<>(keys * 2);
        for (int k = 0; k < keys; k++) {
            String key = r.required();
            int n = r.count();
            int[] refs = new int[2 * n];
            for (int i = 0; i < refs.length; i++) {
                refs[i] = r.count();
            }
            table.put(key, refs);
        }
        int blob = r.count();
        int blobStart = bytes.length - 8 - in.available();
        if (blob != in.available()) {
            throw new IOException("record section of " + in.available() + " bytes, expected " + blob);
        }
        return new Lazy(file, bytes, blobStart, blob, advisoryCount, counts, newest, sha1, table);
    }

    /** A read index: header and package table decoded, advisory records decoded on demand (each once). */
    static final class Lazy {
        private final Path file;
        private final byte[] bytes;
        private final int blobStart;
        private final int blobLength;
        final int advisoryCount;
        final Map<String, Integer> counts;
        final String newestModified;
        final Map<String, String> sha1;
        private final Map<String, int[]> table;
        private final Map<Integer, Advisory> decoded = new HashMap<>();

        Lazy(
                Path file,
                byte[] bytes,
                int blobStart,
                int blobLength,
                int advisoryCount,
                Map<String, Integer> counts,
                String newestModified,
                Map<String, String> sha1,
                Map<String, int[]> table) {
            this.file = file;
            this.bytes = bytes;
            this.blobStart = blobStart;
            this.blobLength = blobLength;
            this.advisoryCount = advisoryCount;
            this.counts = counts;
            this.newestModified = newestModified;
            this.sha1 = sha1;
            this.table = table;
        }

        /**
         * The entries stored under a package key, their advisories decoded now.
         *
         * @throws CorruptIndexException naming the advisory file (or the index and offset) of a record that does
         *     not decode
         */
        synchronized List<AdvisoryDatabase.Entry> entries(String key) {
            int[] refs = table.get(key);
            if (refs == null) {
                return List.of();
            }
            List<AdvisoryDatabase.Entry> out = new ArrayList<>(refs.length / 2);
            for (int i = 0; i < refs.length; i += 2) {
                Advisory a = advisory(refs[i]);
                int affected = refs[i + 1];
                if (affected >= a.affected().size()) {
                    throw corrupt(a.file(), refs[i], "no affected package " + affected);
                }
                out.add(new AdvisoryDatabase.Entry(a, a.affected().get(affected)));
            }
            return List.copyOf(out);
        }

        /** Every advisory, in the order written (decodes all records). */
        synchronized List<Advisory> all() {
            List<Advisory> out = new ArrayList<>(advisoryCount);
            int offset = 0;
            while (offset < blobLength) {
                Advisory a = advisory(offset);
                out.add(a);
                offset = nextOffset.get(offset);
            }
            return out;
        }

        private final Map<Integer, Integer> nextOffset = new HashMap<>();

        private Advisory advisory(int offset) {
            Advisory cached = decoded.get(offset);
            if (cached != null) {
                return cached;
            }
            if (offset < 0 || offset >= blobLength) {
                throw corrupt(null, offset, "record offset out of range");
            }
            ByteArrayInputStream raw = new ByteArrayInputStream(bytes, blobStart + offset, blobLength - offset);
            Reader r = new Reader(new DataInputStream(raw));
            String advisoryFile = null;
            try {
                advisoryFile = r.string();
                Advisory a = r.advisory(advisoryFile);
                decoded.put(offset, a);
                nextOffset.put(offset, blobLength - raw.available());
                return a;
            } catch (IOException | RuntimeException e) {
                throw corrupt(advisoryFile, offset, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }

        private CorruptIndexException corrupt(String advisoryFile, int offset, String why) {
            String where = advisoryFile != null
                    ? advisoryFile + ": corrupt record in the index cache " + file
                    : file + ": corrupt index cache record at offset " + offset;
            return new CorruptIndexException(where + " (" + why + "); delete the cache file or scan with --no-cache");
        }
    }

    static void write(Path dir, Path target, AdvisoryDatabase.Content content, int format) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "osv-", ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(tmp)) {
                CheckedOutputStream checked =
                        new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), new CRC32C());
                DataOutputStream out = new DataOutputStream(checked);
                out.writeInt(MAGIC);
                out.writeInt(format);
                out.writeInt(content.advisories.size());
                Map<String, Integer> counts = countsByEcosystem(content.advisories);
                out.writeInt(counts.size());
                for (Map.Entry<String, Integer> e : counts.entrySet()) {
                    string(out, e.getKey());
                    out.writeInt(e.getValue());
                }
                string(out, newestModified(content.advisories));
                out.writeInt(content.sha1.size());
                for (Map.Entry<String, String> e : content.sha1.entrySet()) {
                    string(out, e.getKey());
                    string(out, e.getValue());
                }
                ByteArrayOutputStream blob = new ByteArrayOutputStream(1 << 20);
                DataOutputStream records = new DataOutputStream(blob);
                Map<String, List<int[]>> table = new LinkedHashMap<>();
                for (Advisory a : content.advisories) {
                    int offset = records.size();
                    writeAdvisory(records, a);
                    for (int i = 0; i < a.affected().size(); i++) {
                        Advisory.Affected af = a.affected().get(i);
                        table.computeIfAbsent(AdvisoryDatabase.key(af.ecosystem(), af.name()), k -> new ArrayList<>())
                                .add(new int[] {offset, i});
                    }
                }
                records.flush();
                out.writeInt(table.size());
                for (Map.Entry<String, List<int[]>> e : table.entrySet()) {
                    string(out, e.getKey());
                    out.writeInt(e.getValue().size());
                    for (int[] ref : e.getValue()) {
                        out.writeInt(ref[0]);
                        out.writeInt(ref[1]);
                    }
                }
                out.writeInt(blob.size());
                blob.writeTo(out);
                out.flush();
                out.writeLong(checked.getChecksum().getValue());
                out.flush();
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static Map<String, Integer> countsByEcosystem(List<Advisory> advisories) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Advisory a : advisories) {
            a.affected().stream()
                    .map(Advisory.Affected::ecosystem)
                    .distinct()
                    .forEach(e -> counts.merge(e, 1, Integer::sum));
        }
        return counts;
    }

    /** The newest {@code modified} as written, or null when no advisory has a readable one. */
    static String newestModified(List<Advisory> advisories) {
        Instant newest = null;
        for (Advisory a : advisories) {
            try {
                Instant m = Instant.parse(a.modified());
                if (newest == null || m.isAfter(newest)) {
                    newest = m;
                }
            } catch (DateTimeParseException e) {
                // advisories without a valid timestamp do not date the database
            }
        }
        return newest == null ? null : newest.toString();
    }

    /** One record: the advisory's file first (so a record that does not decode can still be named), then the rest. */
    private static void writeAdvisory(DataOutputStream out, Advisory a) throws IOException {
        string(out, a.file());
        string(out, a.id());
        strings(out, a.aliases());
        string(out, a.summary());
        string(out, a.modified());
        out.writeByte(a.severity().ordinal());
        out.writeInt(a.affected().size());
        for (Advisory.Affected af : a.affected()) {
            string(out, af.ecosystem());
            string(out, af.name());
            out.writeInt(af.ranges().size());
            for (Advisory.Range r : af.ranges()) {
                string(out, r.type());
                out.writeInt(r.events().size());
                for (Advisory.Event e : r.events()) {
                    string(out, e.kind());
                    string(out, e.version());
                }
            }
            strings(out, af.versions());
        }
    }

    private static void strings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            string(out, s);
        }
    }

    /** Null-safe: -1 for null (an OSV range without a type, say), else the UTF-8 length and bytes. */
    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** Reads back what {@link #writeAdvisory} wrote, sharing repeated short strings (ecosystems, event kinds). */
    private static final class Reader {
        private static final Severity[] SEVERITIES = Severity.values();
        private final DataInputStream in;
        private final Map<String, String> shared = new HashMap<>();

        Reader(DataInputStream in) {
            this.in = in;
        }

        int count() throws IOException {
            int n = in.readInt();
            if (n < 0 || n > 50_000_000) {
                throw new IOException("bad count " + n);
            }
            return n;
        }

        Advisory advisory(String file) throws IOException {
            String id = required();
            List<String> aliases = strings();
            String summary = required();
            String modified = required();
            int sev = in.readUnsignedByte();
            if (sev >= SEVERITIES.length) {
                throw new IOException("bad severity " + sev);
            }
            int n = count();
            List<Advisory.Affected> affected = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                String ecosystem = intern(required());
                String name = required();
                int nr = count();
                List<Advisory.Range> ranges = new ArrayList<>(nr);
                for (int r = 0; r < nr; r++) {
                    String type = intern(string());
                    int ne = count();
                    List<Advisory.Event> events = new ArrayList<>(ne);
                    for (int e = 0; e < ne; e++) {
                        events.add(new Advisory.Event(intern(required()), required()));
                    }
                    ranges.add(new Advisory.Range(type, List.copyOf(events)));
                }
                affected.add(new Advisory.Affected(ecosystem, name, List.copyOf(ranges), strings()));
            }
            return new Advisory(id, aliases, summary, modified, SEVERITIES[sev], List.copyOf(affected), file);
        }

        private List<String> strings() throws IOException {
            int n = count();
            List<String> out = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                out.add(required());
            }
            return List.copyOf(out);
        }

        private String required() throws IOException {
            String s = string();
            if (s == null) {
                throw new IOException("missing value");
            }
            return s;
        }

        private String string() throws IOException {
            int len = in.readInt();
            if (len == -1) {
                return null;
            }
            if (len < 0 || len > MAX_STRING) {
                throw new IOException("bad string length " + len);
            }
            byte[] b = new byte[len];
            in.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        private String intern(String s) {
            return s == null ? null : shared.computeIfAbsent(s, k -> k);
        }
    }
}
