package dev.vigil.metrics.agent.guard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files whose access is an event: {@code /etc/shadow} and {@code /etc/gshadow}, the process environment
 * ({@code /proc/self/environ}, {@code /proc/<pid>/environ}, {@code /proc/thread-self/environ}), the Kubernetes
 * service-account token (also through the {@code ..data} / {@code ..<timestamp>} folders the kubelet writes it to) and
 * SSH keys ({@code ~/.ssh/} of the JVM's user and of root).
 *
 * <p>What is judged is the real target: the path is made absolute against {@code user.dir} and normalised lexically
 * ({@code ..}, {@code .}, double slashes); when that is not sensitive and the file exists, its identity (one
 * {@code stat}, the kernel following every link) is compared with the sensitive files' ({@link FileIdentities}), so
 * {@code /tmp/x -> /etc/shadow}, {@code /proc/self/root/etc/shadow}, a folder linked into {@code ~/.ssh} and a hard
 * link count. A file of procfs reached that way, and a file that does not exist yet, are judged by their real path
 * ({@code realpath}; for a missing file its folder's real path, following a dangling link at its end: a write through
 * {@code /tmp/k -> ~/.ssh/authorized_keys} creates the target).
 */
final class SensitivePaths {
    /** Longer paths are judged lexically only (the kernel refuses them anyway: PATH_MAX). */
    static final int MAX_RESOLVED_LENGTH = 4096;
    /** A dangling link followed more often than this is left unjudged (the kernel's own limit is 40). */
    private static final int MAX_LINKS = 40;

    private static final Pattern PROC_ENVIRON =
            Pattern.compile("/proc/(self|thread-self|[0-9]+)(/task/[0-9]+)?/environ");
    /** Below a service-account folder: {@code token}, {@code ..data/token}, {@code ..2026_12_07_15_00_00.1/token}. */
    private static final Pattern TOKEN = Pattern.compile("(\\.\\.[^/]+/)?token");

    private static final List<String> EXACT = List.of("/etc/shadow", "/etc/gshadow");
    static final List<String> SERVICE_ACCOUNT =
            List.of("/var/run/secrets/kubernetes.io/serviceaccount/", "/run/secrets/kubernetes.io/serviceaccount/");

    private final List<String> sshDirectories;
    private final List<String> serviceAccount;
    /** Every sensitive path starts with one of these: the quick refusal. */
    private final List<String> roots;

    private final String userDir;
    private final FileIdentities identities;

    SensitivePaths(String userHome, String userDir) {
        this(userHome, userDir, SERVICE_ACCOUNT);
    }

    /** @param serviceAccount the service-account folders, each ending with {@code /} (tests use their own) */
    SensitivePaths(String userHome, String userDir, List<String> serviceAccount) {
        this.userDir = userDir == null ? "/" : userDir;
        List<String> ssh = new ArrayList<>();
        ssh.add("/root/.ssh/");
        if (userHome != null && !userHome.isEmpty()) {
            String home = normalise(userHome, "/");
            addOnce(ssh, home + "/.ssh/");
            String real = real(home); // a home folder behind a link (/home -> /var/home)
            if (real != null) {
                addOnce(ssh, real + "/.ssh/");
            }
        }
        this.sshDirectories = List.copyOf(ssh);
        this.serviceAccount = List.copyOf(serviceAccount);
        List<String> r = new ArrayList<>(List.of("/etc/", "/proc/"));
        r.addAll(serviceAccount);
        r.addAll(ssh);
        this.roots = List.copyOf(r);
        List<String> files = new ArrayList<>(EXACT);
        for (String dir : serviceAccount) {
            files.add(dir + "token");
        }
        this.identities = new FileIdentities(files, ssh, System::nanoTime);
    }

    private static void addOnce(List<String> list, String s) {
        if (!list.contains(s)) {
            list.add(s);
        }
    }

    /**
     * The sensitive file {@code path} opens, absolute and normalised, with symbolic links resolved when the path as
     * written is not itself sensitive; null when it is no sensitive file.
     */
    String match(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        String p = absolute(path);
        if (sensitive(p)) {
            return p;
        }
        if (p.length() > MAX_RESOLVED_LENGTH || p.indexOf('\0') >= 0) {
            return null;
        }
        BasicFileAttributes attributes;
        try {
            attributes = FileIdentities.attributes(Path.of(p));
        } catch (RuntimeException e) {
            return null;
        }
        Object key = attributes == null ? null : attributes.fileKey();
        if (key != null) {
            // the file exists: one stat, whatever the depth, compared with the sensitive files' identities
            String name = identities.name(key, attributes.size() == 0);
            if (name != FileIdentities.PROCFS) {
                return name;
            }
        }
        // a file of procfs (another pid, a thread), or one that does not exist (yet): its real path decides
        String real = real(p);
        return real != null && !real.equals(p) && sensitive(real) ? real : null;
    }

    /** The path made absolute and normalised lexically, as {@link #match} first compares it. */
    String absolute(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        return path.charAt(0) != '/' || path.contains("/.") || path.contains("//") ? normalise(path, userDir) : path;
    }

    /** The real target of the absolute {@code path} (see {@link #real(String)}), else the path itself. */
    String target(String path) {
        String p = absolute(path);
        String real = p.isEmpty() ? null : real(p);
        return real != null ? real : p;
    }

    boolean sensitive(String p) {
        boolean under = false;
        for (String root : roots) {
            if (p.startsWith(root)) {
                under = true;
                break;
            }
        }
        if (!under) {
            return isSshDirectory(p); // the folder itself
        }
        if (EXACT.contains(p)
                || p.endsWith("/environ") && PROC_ENVIRON.matcher(p).matches()) {
            return true;
        }
        for (String dir : serviceAccount) {
            if (p.startsWith(dir)
                    && TOKEN.matcher(p).region(dir.length(), p.length()).matches()) {
                return true;
            }
        }
        for (String dir : sshDirectories) {
            if (p.startsWith(dir)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code p} is one of the {@code ~/.ssh} folders, written without its final slash (no string built). */
    private boolean isSshDirectory(String p) {
        for (String dir : sshDirectories) {
            if (dir.length() == p.length() + 1 && dir.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The absolute path with every symbolic link resolved: {@code realpath} when the file exists; else its folder's
     * real path plus its name, following a dangling link at the end; null when its folder does not exist either, or
     * the path cannot be resolved (too long, a NUL, no permission).
     */
    static String real(String absolute) {
        if (absolute.length() > MAX_RESOLVED_LENGTH || absolute.indexOf('\0') >= 0) {
            return null;
        }
        try {
            Path p = Path.of(absolute);
            for (int links = 0; links <= MAX_LINKS; links++) {
                try {
                    return p.toRealPath().toString();
                } catch (NoSuchFileException missing) {
                    Path parent = p.getParent();
                    Path name = p.getFileName();
                    if (parent == null || name == null) {
                        return null;
                    }
                    Path candidate = parent.toRealPath().resolve(name);
                    if (!Files.isSymbolicLink(candidate)) {
                        return candidate.toString();
                    }
                    p = candidate.resolveSibling(Files.readSymbolicLink(candidate));
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String normalise(String path, String base) {
        try {
            return Path.of(base).resolve(path).normalize().toString();
        } catch (RuntimeException e) {
            return path;
        }
    }
}
