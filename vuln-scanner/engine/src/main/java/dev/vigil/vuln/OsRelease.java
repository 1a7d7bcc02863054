package dev.vigil.vuln;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code etc/os-release} → the OSV ecosystem of the image's OS packages. */
public final class OsRelease {
    private static final Map<String, String> DEBIAN_CODENAMES =
            Map.of("buster", "10", "bullseye", "11", "bookworm", "12", "trixie", "13", "forky", "14", "sid", "sid");

    private OsRelease() {}

    /**
     * {@code Debian:12}, {@code Alpine:v3.18}, {@code Ubuntu:22.04}; null when the file names no known
     * distribution.
     */
    public static String ecosystem(String osRelease) {
        Map<String, String> kv = parse(osRelease);
        String id = kv.getOrDefault("ID", "").toLowerCase(Locale.ROOT);
        String version = kv.getOrDefault("VERSION_ID", "");
        return switch (id) {
            case "debian" -> {
                String num = debianNumber(version.isEmpty() ? kv.getOrDefault("VERSION_CODENAME", "") : version);
                yield num == null ? "Debian" : "Debian:" + num;
            }
            case "alpine" -> {
                String[] v = version.split("\\.");
                yield v.length >= 2 ? "Alpine:v" + v[0] + "." + v[1] : "Alpine";
            }
            case "ubuntu" -> "Ubuntu:" + version;
            default -> null;
        };
    }

    /** {@code 12} from {@code 12}, {@code 12.4} or {@code bookworm}; null otherwise. */
    static String debianNumber(String release) {
        String r = release.trim().toLowerCase(Locale.ROOT);
        if (r.matches("\\d+(\\.\\d+)*")) {
            return r.split("\\.")[0];
        }
        return DEBIAN_CODENAMES.get(r);
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                String v = line.substring(eq + 1).trim();
                if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                kv.put(line.substring(0, eq).trim(), v);
            }
        }
        return kv;
    }
}
