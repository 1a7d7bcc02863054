package dev.vigil.vuln.db;

import dev.vigil.vuln.Severity;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The parsed advisories as one compact binary file, so a warm scan reads one file instead of parsing thousands of
 * JSON documents. Layout: magic, format, the advisories, the SHA-1 index, then a CRC-32C of everything before it. A file that
 * does not read back completely (truncated, bit flips, another format) is an {@link IOException}: the caller rebuilds
 * it. Written to a temporary file and renamed into place atomically, so a concurrent reader sees either no file or a
 * complete one.
 */
final class IndexCache {
    private static final int MAGIC = 0x5647_4f53; // "VGOS"
    private static final int MAX_STRING = 16 << 20;

    private IndexCache() {}

    static AdvisoryDatabase.Content read(Path file, int format) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), new CRC32C());
            DataInputStream in = new DataInputStream(checked);
            if (in.readInt() != MAGIC || in.readInt() != format) {
                throw new IOException("not an index of this format");
            }
            Reader r = new Reader(in);
            AdvisoryDatabase.Content out = new AdvisoryDatabase.Content();
            int count = r.count();
            for (int k = 0; k < count; k++) {
                out.advisories.add(r.advisory());
            }
            int jars = r.count();
            for (int k = 0; k < jars; k++) {
                out.sha1.put(r.required(), r.required());
            }
            long expected = checked.getChecksum().getValue();
            if (in.readLong() != expected) {
                throw new IOException("checksum mismatch");
            }
            if (in.read() != -1) {
                throw new IOException("trailing bytes");
            }
            return out;
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
                for (Advisory a : content.advisories) {
                    writeAdvisory(out, a);
                }
                out.writeInt(content.sha1.size());
                for (Map.Entry<String, String> e : content.sha1.entrySet()) {
                    string(out, e.getKey());
                    string(out, e.getValue());
                }
                out.flush();
                out.writeLong(checked.getChecksum().getValue());
                out.flush();
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeAdvisory(DataOutputStream out, Advisory a) throws IOException {
        string(out, a.id());
        strings(out, a.aliases());
        string(out, a.summary());
        string(out, a.modified());
        out.writeByte(a.severity().ordinal());
        string(out, a.file());
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

        Advisory advisory() throws IOException {
            String id = required();
            List<String> aliases = strings();
            String summary = required();
            String modified = required();
            int sev = in.readUnsignedByte();
            if (sev >= SEVERITIES.length) {
                throw new IOException("bad severity " + sev);
            }
            String file = string();
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
