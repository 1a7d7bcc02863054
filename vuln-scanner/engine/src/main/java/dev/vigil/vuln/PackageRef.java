package dev.vigil.vuln;

import java.util.List;

/**
 * One installed package found in an input.
 *
 * @param ecosystem OSV ecosystem ({@code Maven}, {@code Debian:12}, {@code Alpine:v3.18})
 * @param name {@code groupId:artifactId} for Maven, the binary package name for Debian/Alpine
 * @param version the installed version
 * @param purl the package URL
 * @param location where it was found: a jar path ({@code app.jar!/BOOT-INF/lib/x.jar}), an image path with its
 *     layer, or {@code sbom.json:LINE}
 * @param introducedThrough the dependency path that pulled it in, outermost first (empty when unknown)
 * @param sourceName the Debian/Alpine source (origin) package, or null
 * @param sourceVersion the source package's version when it differs from {@code version}, or null
 * @param layer in an image, the layer that holds the file it was found in: its DiffID ({@code sha256:…}, the
 *     image configuration's {@code rootfs.diff_ids}), else {@code layer N} (from 0); null outside images
 */
public record PackageRef(
        String ecosystem,
        String name,
        String version,
        String purl,
        String location,
        List<String> introducedThrough,
        String sourceName,
        String sourceVersion,
        String layer) {

    public PackageRef {
        introducedThrough = List.copyOf(introducedThrough);
    }

    /** A package found outside an image layer. */
    public PackageRef(
            String ecosystem,
            String name,
            String version,
            String purl,
            String location,
            List<String> introducedThrough,
            String sourceName,
            String sourceVersion) {
        this(ecosystem, name, version, purl, location, introducedThrough, sourceName, sourceVersion, null);
    }

    /** A Maven artifact. */
    public static PackageRef maven(
            String groupId, String artifactId, String version, String location, List<String> introducedThrough) {
        return new PackageRef(
                "Maven",
                groupId + ":" + artifactId,
                version,
                Purl.maven(groupId, artifactId, version),
                location,
                introducedThrough,
                null,
                null);
    }

    /** This package with another dependency path. */
    public PackageRef withIntroducedThrough(List<String> path) {
        return new PackageRef(ecosystem, name, version, purl, location, path, sourceName, sourceVersion, layer);
    }

    /** This package, found in the given image layer. */
    public PackageRef withLayer(String imageLayer) {
        return new PackageRef(
                ecosystem, name, version, purl, location, introducedThrough, sourceName, sourceVersion, imageLayer);
    }
}
