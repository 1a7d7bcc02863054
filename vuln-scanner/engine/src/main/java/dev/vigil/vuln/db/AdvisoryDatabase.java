package dev.vigil.vuln.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * An OSV advisory database from a folder (searched recursively for {@code *.json}) or a zip, indexed by ecosystem
 * and package name. Parsing happens once per database content: the parsed advisories are cached under the cache
 * directory, keyed by the SHA-256 of the cache format and, for a folder, every advisory file's relative name, size and
 * modification time (one stat per file, nothing read), for a zip every entry's name, size and CRC-32 (its central
 * directory). A changed, added or removed advisory means a new index; a corrupt index file is rebuilt with a warning.
 * Never touches the network.
 */
public final class AdvisoryDatabase {
    /** An advisory file larger than this is refused as corrupt. */
    public static final long MAX_ADVISORY_BYTES = 16L << 20;

    /**
     * The index cache's format, part of every cache key: bump it whenever {@link Advisory} or the parser's output
     * changes, so an index written by another version is never read.
     */
    static final int CACHE_FORMAT = 4;

    private final List<Advisory> advisories; // null when read from the cache until advisories() asks
    private final Map<String, List<Entry>> index = new HashMap<>();
    private final IndexCache.Lazy lazy; // the cache's undecoded records, or null
    private final boolean fromCache;
    private final List<String> warnings;
    private final Map<String, String> sha1;

    /** One affected package of one advisory, as stored in the index. */
    public record Entry(Advisory advisory, Advisory.Affected affected) {}

    private AdvisoryDatabase(Content content, List<String> warnings) {
        this.advisories = List.copyOf(content.advisories);
        this.sha1 = Map.copyOf(content.sha1);
        this.lazy = null;
        this.fromCache = false;
        this.warnings = List.copyOf(warnings);
        for (Advisory a : this.advisories) {
            for (Advisory.Affected af : a.affected()) {
                index.computeIfAbsent(key(af.ecosystem(), af.name()), k -> new ArrayList<>())
                        .add(new Entry(a, af));
            }
        }
    }

    private AdvisoryDatabase(IndexCache.Lazy lazy) {
        this.advisories = null;
        this.sha1 = Map.copyOf(lazy.sha1);
        this.lazy = lazy;
        this.fromCache = true;
        this.warnings = List.of();
    }

    /** Builds a database from advisories already in memory (tests, benchmarks). */
    public static AdvisoryDatabase of(List<Advisory> advisories) {
        Content c = new Content();
        c.advisories.addAll(advisories);
        return new AdvisoryDatabase(c, List.of());
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
                Path cached = cacheDir == null ? null : cacheDir.resolve("osv-" + key + ".idx");
                String warning = null;
                if (cached != null && Files.isRegularFile(cached)) {
                    try {
                        return new AdvisoryDatabase(IndexCache.read(cached, CACHE_FORMAT));
                    } catch (IOException | RuntimeException e) {
                        // a damaged cache is rebuilt from the database itself (and replaced atomically below)
                        warning = cached + ": corrupt index cache, rebuilt from " + path + " (" + oneLine(e) + ")";
                    }
                }
                Content parsed = source.parseAll();
                if (cached != null) {
                    writeCache(cacheDir, cached, parsed);
                }
                return new AdvisoryDatabase(parsed, warning == null ? List.of() : List.of(warning));
            }
        } catch (NoSuchFileException e) {
            throw new DatabaseException(e.getFile() + ": not found");
        } catch (IOException e) {
            throw new DatabaseException(path + ": unreadable advisory database: " + e.getMessage());
        }
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl).strip() : m.strip();
    }

    private static void writeCache(Path dir, Path target, Content content) {
        try {
            IndexCache.write(dir, target, content, CACHE_FORMAT);
        } catch (IOException e) {
            // the cache is an optimisation: a read-only cache directory only costs speed
        }
    }

    /**
     * The affected entries for a package in an ecosystem family ({@code Maven}, {@code Debian}, …). From the index
     * cache, only the advisories looked up are decoded (each once).
     *
     * @throws CorruptIndexException when a cached record does not decode (one line naming the advisory file)
     */
    public List<Entry> lookup(String ecosystem, String name) {
        String key = key(ecosystem, name);
        if (lazy == null) {
            return index.getOrDefault(key, List.of());
        }
        synchronized (index) {
            List<Entry> found = index.get(key);
            if (found == null) {
                found = lazy.entries(key);
                index.put(key, found);
            }
            return found;
        }
    }

    /**
     * The Maven artifact ({@code groupId:artifactId:version}) whose jar has this SHA-1, from the database's SHA-1
     * index ({@code maven-sha1.txt} files), or null.
     */
    public String artifactBySha1(String sha1Hex) {
        return sha1Hex == null ? null : sha1.get(sha1Hex.toLowerCase(Locale.ROOT));
    }

    /** How many jars the database's SHA-1 index knows. */
    public int sha1IndexSize() {
        return sha1.size();
    }

    /**
     * Every advisory (withdrawn ones are not kept); from the index cache this decodes every record.
     *
     * @throws CorruptIndexException when a cached record does not decode
     */
    public List<Advisory> advisories() {
        return advisories != null ? advisories : lazy.all();
    }

    /** How many advisories the database holds (withdrawn ones are not kept), without decoding them. */
    public int advisoryCount() {
        return advisories != null ? advisories.size() : lazy.advisoryCount;
    }

    /** Whether this instance was read from the index cache. */
    public boolean fromCache() {
        return fromCache;
    }

    /** One line each: what went wrong with the index cache (the scan goes on), e.g. a corrupt cache file rebuilt. */
    public List<String> warnings() {
        return warnings;
    }

    /** Advisory count per ecosystem (as written, e.g. {@code Debian:12}), sorted by name. */
    public Map<String, Integer> countsByEcosystem() {
        return advisories != null ? IndexCache.countsByEcosystem(advisories) : new TreeMap<>(lazy.counts);
    }

    /** The newest {@code modified} timestamp, or null when no advisory has a readable one. */
    public Instant newestModified() {
        String newest = advisories != null ? IndexCache.newestModified(advisories) : lazy.newestModified;
        return newest == null ? null : Instant.parse(newest);
    }

    static String key(String ecosystem, String name) {
        int colon = ecosystem.indexOf(':');
        String family = (colon >= 0 ? ecosystem.substring(0, colon) : ecosystem).toLowerCase(Locale.ROOT);
        return family + "|" + name;
    }

    /** The file name of a SHA-1 index in the database: {@code SHA1 groupId:artifactId:version} per line. */
    public static final String SHA1_INDEX = "maven-sha1.txt";

    private static boolean isDatabaseFile(String baseName) {
        return baseName.endsWith(".json") || baseName.equals(SHA1_INDEX);
    }

    private static String baseName(String entry) {
        return entry.substring(entry.lastIndexOf('/') + 1);
    }

    /** What a database holds: its advisories (withdrawn ones left out) and its SHA-1 index. */
    static final class Content {
        final List<Advisory> advisories = new ArrayList<>();
        final Map<String, String> sha1 = new HashMap<>();

        void add(String name, String baseName, byte[] bytes) throws DatabaseException {
            if (baseName.equals(SHA1_INDEX)) {
                Sha1Index.parse(name, bytes, sha1);
                return;
            }
            Advisory a = OsvParser.parse(name, bytes);
            if (a != null) {
                advisories.add(a);
            }
        }
    }

    /** A folder or a zip of advisory files. */
    private interface Source extends AutoCloseable {
        String contentKey();

        Content parseAll() throws IOException, DatabaseException;

        @Override
        void close() throws IOException;
    }

    /** A digest for a cache key, seeded with the cache format so a format change never reads an old index. */
    private static MessageDigest keyDigest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(("vigil-osv-index/" + CACHE_FORMAT + "\n").getBytes(StandardCharsets.UTF_8));
            return md;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest md, String name, long size, long stamp) {
        md.update((name + "\0" + size + "\0" + stamp + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static final class FolderSource implements Source {
        private final Path root;
        private final List<Path> files = new ArrayList<>();
        private final MessageDigest key = keyDigest();

        FolderSource(Path root) throws IOException {
            this.root = root;
            Map<Path, BasicFileAttributes> found = new TreeMap<>();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()
                            && isDatabaseFile(file.getFileName().toString())) {
                        found.put(file, attrs);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            for (Map.Entry<Path, BasicFileAttributes> e : found.entrySet()) {
                files.add(e.getKey());
                BasicFileAttributes a = e.getValue();
                update(
                        key,
                        root.relativize(e.getKey()).toString(),
                        a.size(),
                        a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
            }
        }

        /** The database's file names, sizes and modification times: one stat per file, no file is read. */
        @Override
        public String contentKey() {
            return HexFormat.of().formatHex(key.digest());
        }

        @Override
        public Content parseAll() throws DatabaseException {
            Content out = new Content();
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
                out.add(f.toString(), f.getFileName().toString(), bytes);
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

        /** Every entry's name, size and CRC-32 from the zip's central directory: content-based, no entry inflated. */
        @Override
        public String contentKey() {
            MessageDigest md = keyDigest();
            zip.stream()
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .forEach(e -> update(md, e.getName(), e.getSize(), e.getCrc()));
            return HexFormat.of().formatHex(md.digest());
        }

        @Override
        public Content parseAll() throws DatabaseException {
            List<ZipEntry> entries = zip.stream()
                    .map(e -> (ZipEntry) e)
                    .filter(e -> !e.isDirectory() && isDatabaseFile(baseName(e.getName())))
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .toList();
            Content out = new Content();
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
                out.add(name, baseName(e.getName()), bytes);
            }
            return out;
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }
}
