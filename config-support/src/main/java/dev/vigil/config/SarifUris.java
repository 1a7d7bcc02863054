package dev.vigil.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * SARIF artifact locations, shared by every Vigil SARIF writer (the linter, the vulnerability scanner, the Maven
 * plugin): a file under the base directory becomes a relative URI for {@code uriBaseId: %SRCROOT%}, anything else
 * an absolute {@code file:} URI. Path segments are percent-encoded as RFC 3986 requires (a space as {@code %20},
 * non-ASCII as UTF-8 escapes), separators are always {@code /}.
 */
public final class SarifUris {
    private SarifUris() {}

    /**
     * The file as a URI relative to {@code base}, or null when it lies outside it or is not a valid path.
     *
     * @param base an absolute, normalised directory
     */
    public static String relativeUri(String file, Path base) {
        Path p;
        try {
            p = Path.of(file).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
        if (!p.startsWith(base)) {
            return null;
        }
        return encodePath(base.relativize(p).toString());
    }

    /**
     * A relative path (either separator) as a relative URI reference with its segments escaped, or null when
     * {@link URI} refuses it.
     */
    public static String encodePath(String relativePath) {
        try {
            return new URI(null, null, relativePath.replace('\\', '/'), null).toASCIIString();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The file as an absolute {@code file:} URI; {@code file:///unknown} when it is not a valid path. */
    public static String absoluteUri(String file) {
        try {
            return Path.of(file).toAbsolutePath().normalize().toUri().toString();
        } catch (InvalidPathException e) {
            return "file:///unknown";
        }
    }

    /** A directory as an absolute {@code file:} URI ending in {@code /}, as {@code originalUriBaseIds} needs. */
    public static String directoryUri(Path dir) {
        String uri = dir.toAbsolutePath().normalize().toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }
}
