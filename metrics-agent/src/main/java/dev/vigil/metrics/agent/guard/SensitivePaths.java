package dev.vigil.metrics.agent.guard;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files whose access is an event: {@code /etc/shadow} and {@code /etc/gshadow}, the process environment
 * ({@code /proc/self/environ}, {@code /proc/<pid>/environ}, {@code /proc/thread-self/environ}), the Kubernetes
 * service-account token and SSH keys ({@code ~/.ssh/} of the JVM's user and of root). Paths are made absolute against
 * {@code user.dir} and normalised lexically ({@code ..}, {@code .}, double slashes); no file system call is made, so a
 * symbolic link to one of these files is not recognised.
 */
final class SensitivePaths {
    private static final Pattern PROC_ENVIRON =
            Pattern.compile("/proc/(self|thread-self|[0-9]+)(/task/[0-9]+)?/environ");
    private static final List<String> EXACT = List.of(
            "/etc/shadow",
            "/etc/gshadow",
            "/var/run/secrets/kubernetes.io/serviceaccount/token",
            "/run/secrets/kubernetes.io/serviceaccount/token");

    private final List<String> directories;
    private final String userDir;

    SensitivePaths(String userHome, String userDir) {
        this.userDir = userDir == null ? "/" : userDir;
        this.directories = userHome == null || userHome.isEmpty() || userHome.equals("/root")
                ? List.of("/root/.ssh/")
                : List.of(normalise(userHome, "/") + "/.ssh/", "/root/.ssh/");
    }

    /** The absolute, normalised path when it is sensitive, else null. */
    String match(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        String p = path;
        if (p.charAt(0) != '/' || p.contains("/.") || p.contains("//")) {
            p = normalise(p, userDir);
        }
        // quick refusal of the common case: nothing sensitive outside these roots
        if (!(p.startsWith("/etc/")
                || p.startsWith("/proc/")
                || p.startsWith("/var/run/")
                || p.startsWith("/run/")
                || p.contains("/.ssh"))) {
            return null;
        }
        if (EXACT.contains(p) || PROC_ENVIRON.matcher(p).matches()) {
            return p;
        }
        for (String dir : directories) {
            if (p.startsWith(dir) || p.equals(dir.substring(0, dir.length() - 1))) {
                return p;
            }
        }
        return null;
    }

    /** The path made absolute and normalised (as {@link #match} compares it), for custom rules' {@code fd.name}. */
    String absolute(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        return path.charAt(0) != '/' || path.contains("/.") || path.contains("//") ? normalise(path, userDir) : path;
    }

    private static String normalise(String path, String base) {
        try {
            return Path.of(base).resolve(path).normalize().toString();
        } catch (RuntimeException e) {
            return path;
        }
    }
}
