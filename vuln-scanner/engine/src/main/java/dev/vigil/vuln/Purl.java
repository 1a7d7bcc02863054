package dev.vigil.vuln;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Just enough of the package URL spec for Maven, Debian and Alpine packages. */
public final class Purl {
    private Purl() {}

    /** {@code pkg:maven/GROUP/ARTIFACT@VERSION}. */
    public static String maven(String groupId, String artifactId, String version) {
        return "pkg:maven/" + enc(groupId) + "/" + enc(artifactId) + "@" + enc(version);
    }

    /** {@code pkg:deb/debian/NAME@VERSION?arch=…&distro=…} or {@code pkg:apk/alpine/…}; null qualifiers left out. */
    public static String os(String type, String namespace, String name, String version, String arch, String distro) {
        StringBuilder q = new StringBuilder();
        if (arch != null) {
            q.append("arch=").append(enc(arch));
        }
        if (distro != null) {
            q.append(q.length() > 0 ? "&" : "").append("distro=").append(enc(distro));
        }
        return "pkg:" + type + "/" + namespace + "/" + enc(name) + "@" + enc(version) + (q.length() > 0 ? "?" + q : "");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
    }

    private static String dec(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * The package a purl names, or null for a type this scanner does not match (npm, pypi, …) or a purl without a
     * version.
     */
    public static PackageRef parse(String purl, String location) {
        if (purl == null || !purl.startsWith("pkg:")) {
            return null;
        }
        String s = purl.substring(4);
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        String qualifiers = "";
        int q = s.indexOf('?');
        if (q >= 0) {
            qualifiers = s.substring(q + 1);
            s = s.substring(0, q);
        }
        int at = s.lastIndexOf('@');
        if (at < 0) {
            return null;
        }
        String version = dec(s.substring(at + 1));
        String[] parts = s.substring(0, at).split("/");
        if (parts.length < 2) {
            return null;
        }
        String type = parts[0].toLowerCase(Locale.ROOT);
        String name = dec(parts[parts.length - 1]);
        String namespace = parts.length > 2 ? dec(parts[1]) : "";
        String distro = qualifier(qualifiers, "distro");
        return switch (type) {
            case "maven" ->
                new PackageRef(
                        "Maven", namespace + ":" + name, version, purl, location, java.util.List.of(), null, null);
            case "deb" ->
                new PackageRef(
                        osEcosystem(namespace.isEmpty() ? "debian" : namespace, distro),
                        name,
                        version,
                        purl,
                        location,
                        java.util.List.of(),
                        sourceFromUpstream(qualifier(qualifiers, "upstream")),
                        null);
            case "apk" ->
                new PackageRef(
                        osEcosystem("alpine", distro), name, version, purl, location, java.util.List.of(), null, null);
            default -> null;
        };
    }

    private static String sourceFromUpstream(String upstream) {
        if (upstream == null) {
            return null;
        }
        int at = upstream.indexOf('@');
        return at >= 0 ? upstream.substring(0, at) : upstream;
    }

    private static String qualifier(String qualifiers, String key) {
        for (String kv : qualifiers.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.substring(0, eq).equalsIgnoreCase(key)) {
                return dec(kv.substring(eq + 1));
            }
        }
        return null;
    }

    /** {@code Debian:12} from {@code debian-12} or {@code bookworm}, {@code Alpine:v3.18} from {@code alpine-3.18.4}. */
    static String osEcosystem(String namespace, String distro) {
        String ns = namespace.toLowerCase(Locale.ROOT);
        String release = distro == null ? "" : distro.replaceFirst("^(?i)" + ns + "-", "");
        if (ns.equals("alpine")) {
            String[] v = release.replaceFirst("^v", "").split("\\.");
            return v.length >= 2 ? "Alpine:v" + v[0] + "." + v[1] : "Alpine";
        }
        if (ns.equals("debian")) {
            String num = OsRelease.debianNumber(release);
            return num == null ? "Debian" : "Debian:" + num;
        }
        return Character.toUpperCase(ns.charAt(0)) + ns.substring(1) + (release.isEmpty() ? "" : ":" + release);
    }
}
