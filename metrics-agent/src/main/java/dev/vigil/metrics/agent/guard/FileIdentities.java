package dev.vigil.metrics.agent.guard;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The identities (device and inode, the JDK's {@code fileKey}) of the sensitive files that exist, so that one
 * {@code stat} of any path — the kernel following every link on the way — tells whether it reaches one of them: through
 * symbolic links, a linked folder, {@code /proc/self/root}, or a hard link. Refreshed at most every
 * {@link #REFRESH_NANOS} on the thread that judges a file (the files are replaced now and then: {@code passwd} writes a
 * new {@code /etc/shadow}, the kubelet a new token folder), so a file replaced less than a second ago may be missed.
 */
final class FileIdentities {
    static final long REFRESH_NANOS = 1_000_000_000L;
    /** At most this many files of each {@code ~/.ssh} folder are known by identity. */
    static final int MAX_PER_FOLDER = 256;

    private final List<String> files;
    private final List<String> folders;
    private final LongSupplier clock;
    private final AtomicLong refreshedAt;
    private volatile Snapshot snapshot;

    /**
     * @param files sensitive files (a link among them is followed: the service-account token)
     * @param folders folders all of whose files are sensitive ({@code ~/.ssh/}), each ending with {@code /}
     */
    FileIdentities(List<String> files, List<String> folders, LongSupplier clock) {
        this.files = List.copyOf(files);
        this.folders = List.copyOf(folders);
        this.clock = clock;
        this.snapshot = load();
        this.refreshedAt = new AtomicLong(clock.getAsLong());
    }

    /**
     * The sensitive file {@code key} belongs to (its real path), {@link #PROCFS} for another file of procfs, else null.
     */
    String name(Object key) {
        return name(key, true);
    }

    /**
     * Like {@link #name(Object)}; {@code mayBeProcfs} false says the file is no file of procfs that matters (it has a
     * size: procfs reports 0 for {@code environ}), which spares the device comparison (a string built from the key).
     */
    String name(Object key, boolean mayBeProcfs) {
        long now = clock.getAsLong();
        long at = refreshedAt.get();
        if (now - at >= REFRESH_NANOS && refreshedAt.compareAndSet(at, now)) {
            snapshot = load();
        }
        Snapshot s = snapshot;
        String name = s.names.get(key);
        if (name != null) {
            return name;
        }
        return mayBeProcfs && s.procDevice != null && key.toString().startsWith(s.procDevice) ? PROCFS : null;
    }

    /** Marks a file of procfs that is not itself known: its real path decides. */
    static final String PROCFS = "\0procfs";

    /** The identity of the file {@code path} reaches, following links; null when there is none (or no access). */
    static Object key(Path path) {
        BasicFileAttributes a = attributes(path);
        return a == null ? null : a.fileKey();
    }

    /**
     * The attributes of the file {@code path} reaches, following links (one {@code stat}, the cheapest way the JDK
     * offers to the identity); null when there is none (or no access).
     */
    static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Snapshot load() {
        Map<Object, String> names = new HashMap<>();
        for (String f : files) {
            put(names, Path.of(f));
        }
        // the JVM's own environment: a link to /proc/self/environ reaches /proc/<pid>/environ
        put(names, Path.of("/proc/self/environ"));
        for (String folder : folders) {
            Path dir = Path.of(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                int n = 0;
                for (Path e : entries) {
                    if (n++ >= MAX_PER_FOLDER) {
                        break;
                    }
                    put(names, e);
                }
            } catch (IOException | RuntimeException e) {
                // unreadable: its files are judged by their path only
            }
        }
        Object proc = key(Path.of("/proc/self/stat"));
        String procDevice = null;
        if (proc != null) {
            String k = proc.toString(); // "(dev=16,ino=4711)"
            int comma = k.indexOf(',');
            procDevice = comma > 0 ? k.substring(0, comma + 1) : null;
        }
        return new Snapshot(names, procDevice);
    }

    private static void put(Map<Object, String> names, Path p) {
        Object key = key(p);
        if (key != null) {
            String real = SensitivePaths.real(p.toString());
            names.putIfAbsent(key, real != null ? real : p.toString());
        }
    }

    private static final class Snapshot {
        final Map<Object, String> names;
        final String procDevice;

        Snapshot(Map<Object, String> names, String procDevice) {
            this.names = names;
            this.procDevice = procDevice;
        }
    }
}
