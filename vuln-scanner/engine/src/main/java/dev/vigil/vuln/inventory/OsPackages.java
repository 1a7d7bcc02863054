package dev.vigil.vuln.inventory;

import dev.vigil.vuln.PackageRef;
import dev.vigil.vuln.Purl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Installed OS packages: Debian's {@code var/lib/dpkg/status} (and {@code status.d/}) and Alpine's apk database. */
public final class OsPackages {
    private OsPackages() {}

    /**
     * The installed packages of a dpkg status file: paragraphs whose {@code Status} ends in {@code installed}, or
     * every paragraph of a distroless {@code status.d/} file (which has no Status field).
     */
    public static List<PackageRef> dpkg(String text, String ecosystem, String location, boolean requireStatus) {
        List<PackageRef> out = new ArrayList<>();
        for (Map<String, String> p : paragraphs(text, true)) {
            String name = p.get("package");
            String version = p.get("version");
            String status = p.get("status");
            if (name == null || version == null) {
                continue;
            }
            if (requireStatus || status != null) {
                if (status == null || !status.trim().endsWith(" installed")) {
                    continue;
                }
            }
            String source = p.get("source");
            String sourceName = null;
            String sourceVersion = null;
            if (source != null && !source.isBlank()) {
                String s = source.trim();
                int paren = s.indexOf('(');
                if (paren > 0 && s.endsWith(")")) {
                    sourceVersion = s.substring(paren + 1, s.length() - 1).trim();
                    s = s.substring(0, paren).trim();
                }
                sourceName = s;
            }
            String arch = p.get("architecture");
            String distro =
                    ecosystem.contains(":") ? "debian-" + ecosystem.substring(ecosystem.indexOf(':') + 1) : null;
            String purl = Purl.os("deb", "debian", name, version, arch, distro);
            out.add(new PackageRef(ecosystem, name, version, purl, location, List.of(), sourceName, sourceVersion));
        }
        return out;
    }

    /** The installed packages of Alpine's {@code lib/apk/db/installed} ({@code P:}, {@code V:}, {@code o:}). */
    public static List<PackageRef> apk(String text, String ecosystem, String location) {
        List<PackageRef> out = new ArrayList<>();
        for (Map<String, String> p : paragraphs(text, false)) {
            String name = p.get("P");
            String version = p.get("V");
            if (name == null || version == null) {
                continue;
            }
            String distro =
                    ecosystem.contains(":v") ? "alpine-" + ecosystem.substring(ecosystem.indexOf(":v") + 2) : null;
            out.add(new PackageRef(
                    ecosystem,
                    name,
                    version,
                    Purl.os("apk", "alpine", name, version, p.get("A"), distro),
                    location,
                    List.of(),
                    p.get("o"),
                    null));
        }
        return out;
    }

    /** RFC 822-style paragraphs; dpkg keys are case-insensitive (lower-cased), apk keys are single letters. */
    static List<Map<String, String>> paragraphs(String text, boolean dpkg) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> cur = new LinkedHashMap<>();
        String lastKey = null;
        for (String line : text.split("\n", -1)) {
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isBlank()) {
                if (!cur.isEmpty()) {
                    out.add(cur);
                    cur = new LinkedHashMap<>();
                }
                lastKey = null;
                continue;
            }
            if (dpkg && (line.startsWith(" ") || line.startsWith("\t"))) {
                if (lastKey != null) {
                    cur.merge(lastKey, "\n" + line.trim(), String::concat);
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon);
            if (dpkg) {
                key = key.toLowerCase(Locale.ROOT);
            }
            lastKey = key;
            cur.putIfAbsent(key, line.substring(colon + 1).trim());
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }
}
