package dev.vigil.vuln.db;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * An OSV advisory database from a folder (searched recursively for {@code *.json}) or a zip, indexed by ecosystem
 * and package name. Parsing happens once per database content: the parsed advisories are cached under the cache
 * directory, keyed by the SHA-256 of every advisory file's name and bytes, so a changed file means a new index. Never
 * touches the network.
 */
public final class AdvisoryDatabase {
    /** An advisory file larger than this is refused as corrupt. */
    public static final long MAX_ADVISORY_BYTES = 16L << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<Advisory>> LIST = new TypeReference<>() {};

    private final List<Advisory> advisories;
    private final Map<String, List<Entry>> index = new HashMap<>();
    private final boolean fromCache;

    /** One affected package of one advisory, as stored in the index. */
    public record Entry(Advisory advisory, Advisory.Affected affected) {}

    private AdvisoryDatabase(List<Advisory> advisories, boolean fromCache) {
        this.advisories = List.copyOf(advisories);
        this.fromCache = fromCache;
        for (Advisory a : this.advisories) {
            for (Advisory.Affected af : a.affected()) {
                index.computeIfAbsent(key(af.ecosystem(), af.name()), k -> new ArrayList<>())
                        .add(new Entry(a, af));
            }
        }
    }

    /** Builds a database from advisories already in memory (tests, benchmarks). */
    public static AdvisoryDatabase of(List<Advisory> advisories) {
        return new AdvisoryDatabase(advisories, false);
    }

    /**
     * Opens the database at {@code path}.
     *
     * @param cacheDir where parsed indexes are kept, or null for no cache
     * @throws DatabaseException naming the path or the advisory file that cannot be read or parsed
     */
    public static AdvisoryDatabase open(Path path, Path cacheDir) throws DatabaseException {
        if (!Files.exists(path)) {
            throw new DatabaseException(path + ": advisory database not found");
        }
        try {
            Source source = Files.isDirectory(path) ? new FolderSource(path) : new ZipSource(path);
            try (source) {
                String key = source.contentKey();
                Path cached = cacheDir == null ? null : cacheDir.resolve("osv-" + key + ".json.gz");
                if (cached != null && Files.isRegularFile(cached)) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(cached))) {
                        return new AdvisoryDatabase(MAPPER.readValue(in, LIST), true);
                    } catch (IOException | RuntimeException e) {
                        // a damaged cache is rebuilt from the database itself
                    }
                }
                List<Advisory> parsed = source.parseAll();
                if (cached != null) {
                    writeCache(cacheDir, cached, parsed);
                }
                return new AdvisoryDatabase(parsed, false);
            }
        } catch (NoSuchFileException e) {
            throw new DatabaseException(e.getFile() + ": not found");
        } catch (IOException e) {
            throw new DatabaseException(path + ": unreadable advisory database: " + e.getMessage());
        }
    }

    private static void writeCache(Path dir, Path target, List<Advisory> advisories) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "osv-", ".tmp");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp))) {
                MAPPER.writeValue(out, advisories);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the cache is an optimisation: a read-only cache directory only costs speed
        }
    }

    /** The affected entries for a package in an ecosystem family ({@code Maven}, {@code Debian}, …). */
    public List<Entry> lookup(String ecosystem, String name) {
        return index.getOrDefault(key(ecosystem, name), List.of());
    }

    /** Every advisory (withdrawn ones are not kept). */
    public List<Advisory> advisories() {
        return advisories;
    }

    /** Whether this instance was read from the index cache. */
    public boolean fromCache() {
        return fromCache;
    }

    /** Advisory count per ecosystem (as written, e.g. {@code Debian:12}), sorted by name. */
    public Map<String, Integer> countsByEcosystem() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Advisory a : advisories) {
            a.affected().stream()
                    .map(Advisory.Affected::ecosystem)
                    .distinct()
                    .forEach(e -> counts.merge(e, 1, Integer::sum));
        }
        return counts;
    }

    /** The newest {@code modified} timestamp, or null when no advisory has a readable one. */
    public Instant newestModified() {
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
        return newest;
    }

    private static String key(String ecosystem, String name) {
        int colon = ecosystem.indexOf(':');
        String family = (colon >= 0 ? ecosystem.substring(0, colon) : ecosystem).toLowerCase(Locale.ROOT);
        return family + "|" + name;
    }

    /** A folder or a zip of advisory files. */
    private interface Source extends AutoCloseable {
        String contentKey() throws IOException, DatabaseException;

        List<Advisory> parseAll() throws IOException, DatabaseException;

        @Override
        void close() throws IOException;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class FolderSource implements Source {
        private final Path root;
        private final List<Path> files;

        FolderSource(Path root) throws IOException {
            this.root = root;
            try (Stream<Path> walk = Files.walk(root)) {
                this.files = walk.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                        .sorted()
                        .toList();
            }
        }

        @Override
        public String contentKey() throws IOException, DatabaseException {
            MessageDigest md = sha256();
            byte[] buf = new byte[1 << 16];
            for (Path f : files) {
                md.update(root.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update((byte) 0);
                try (InputStream in = Files.newInputStream(f)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        md.update(buf, 0, n);
                    }
                } catch (IOException e) {
                    throw new DatabaseException(f + ": unreadable advisory: " + e.getMessage());
                }
            }
            return HexFormat.of().formatHex(md.digest());
        }

        @Override
        public List<Advisory> parseAll() throws DatabaseException {
            List<Advisory> out = new ArrayList<>(files.size());
            for (Path f : files) {
                byte[] bytes;
                try {
                    if (Files.size(f) > MAX_ADVISORY_BYTES) {
                        throw new DatabaseException(f + ": corrupt advisory: larger than 16 MiB");
                    }
                    bytes = Files.readAllBytes(f);
                } catch (IOException e) {
                    throw new DatabaseException(f + ": unreadable advisory: " + e.getMessage());
                }
                Advisory a = OsvParser.parse(f.toString(), bytes);
                if (a != null) {
                    out.add(a);
                }
            }
            return out;
        }

        @Override
        public void close() {}
    }

    private static final class ZipSource implements Source {
        private final Path path;
        private final ZipFile zip;

        ZipSource(Path path) throws DatabaseException {
            this.path = path;
            try {
                this.zip = new ZipFile(path.toFile());
            } catch (IOException e) {
                throw new DatabaseException(path + ": not a folder or a zip of OSV advisories: " + e.getMessage());
            }
        }

        @Override
        public String contentKey() throws DatabaseException {
            MessageDigest md = sha256();
            byte[] buf = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(path)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            } catch (IOException e) {
                throw new DatabaseException(path + ": unreadable advisory database: " + e.getMessage());
            }
            return HexFormat.of().formatHex(md.digest());
        }

        @Override
        public List<Advisory> parseAll() throws DatabaseException {
            List<ZipEntry> entries = zip.stream()
                    .map(e -> (ZipEntry) e)
                    .filter(e -> !e.isDirectory() && e.getName().endsWith(".json"))
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .toList();
            List<Advisory> out = new ArrayList<>(entries.size());
            for (ZipEntry e : entries) {
                String name = path + "!/" + e.getName();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readNBytes((int) MAX_ADVISORY_BYTES + 1);
                } catch (IOException | RuntimeException ex) {
                    throw new DatabaseException(name + ": unreadable advisory: " + ex.getMessage());
                }
                if (bytes.length > MAX_ADVISORY_BYTES) {
                    throw new DatabaseException(name + ": corrupt advisory: larger than 16 MiB");
                }
                Advisory a = OsvParser.parse(name, bytes);
                if (a != null) {
                    out.add(a);
                }
            }
            return out;
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }
}
