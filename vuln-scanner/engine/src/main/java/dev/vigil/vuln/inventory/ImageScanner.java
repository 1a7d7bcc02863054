package dev.vigil.vuln.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.vuln.OsRelease;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * OCI ({@code index.json}) and Docker ({@code manifest.json}) image archives, as {@code podman save}, {@code docker
 * save} and {@code jib:buildTar} write them. Layers are applied in order with whiteouts ({@code .wh.NAME} removes a
 * path, {@code .wh..wh..opq} empties a directory of lower layers' files) in a first pass over file names only; the
 * second pass reads just the files that survive: {@code etc/os-release}, the dpkg status (and {@code status.d/}), the
 * apk database and every Java archive.
 */
public final class ImageScanner {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final long MAX_TEXT_BYTES = 64L << 20;
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private final Inventory inventory;
    /** Each layer's DiffID from the image configuration ({@code rootfs.diff_ids}), or {@code layer N}. */
    private List<String> layerIds = List.of();

    public ImageScanner(Inventory inventory) {
        this.inventory = inventory;
    }

    /** Whether {@code tar} looks like an image archive (has {@code manifest.json} or {@code index.json}). */
    public static boolean isImage(Path tar) {
        try (TarFile t = new TarFile(tar)) {
            return t.getEntries().stream().anyMatch(e -> {
                String n = normalize(e.getName());
                return n.equals("manifest.json") || n.equals("index.json");
            });
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Scans the image archive at {@code tar}; unreadable parts are problems naming the archive. */
    public void scan(Path tar) throws IOException {
        try (TarFile outer = new TarFile(tar)) {
            Map<String, TarArchiveEntry> entries = new HashMap<>();
            for (TarArchiveEntry e : outer.getEntries()) {
                entries.put(normalize(e.getName()), e);
            }
            List<String> layers = layers(outer, entries, tar);
            if (layers == null) {
                return;
            }
            NavigableMap<String, Integer> owner = new TreeMap<>();
            for (int i = 0; i < layers.size(); i++) {
                TarArchiveEntry layer = entries.get(layers.get(i));
                if (layer == null) {
                    inventory.problem(tar + ": layer " + layers.get(i) + " is missing from the archive");
                    return;
                }
                try (TarArchiveInputStream in = layerStream(outer.getInputStream(layer))) {
                    applyLayer(in, i, owner);
                }
            }
            Map<String, String> texts = new TreeMap<>();
            for (int i = 0; i < layers.size(); i++) {
                try (TarArchiveInputStream in = layerStream(outer.getInputStream(entries.get(layers.get(i))))) {
                    readSurvivors(in, i, owner, texts, tar);
                }
            }
            osPackages(texts, owner, tar);
        }
    }

    private List<String> layers(TarFile outer, Map<String, TarArchiveEntry> entries, Path tar) throws IOException {
        List<String> out = new ArrayList<>();
        if (entries.containsKey("manifest.json")) {
            JsonNode m = json(outer, entries.get("manifest.json"));
            for (JsonNode l : m.path(0).path("Layers")) {
                out.add(normalize(l.asText()));
            }
            layerIds(outer, entries.get(normalize(m.path(0).path("Config").asText())), out.size());
            return out;
        }
        if (entries.containsKey("index.json")) {
            JsonNode node = json(outer, entries.get("index.json"));
            for (int depth = 0; depth < 4; depth++) {
                JsonNode first = node.path("manifests").path(0);
                if (first.isMissingNode()) {
                    break;
                }
                TarArchiveEntry blob = entries.get(blobPath(first.path("digest").asText()));
                if (blob == null) {
                    inventory.problem(tar + ": blob " + first.path("digest").asText() + " is missing");
                    return null;
                }
                node = json(outer, blob);
            }
            for (JsonNode l : node.path("layers")) {
                out.add(blobPath(l.path("digest").asText()));
            }
            layerIds(
                    outer,
                    entries.get(blobPath(node.path("config").path("digest").asText())),
                    out.size());
            return out;
        }
        inventory.problem(tar + ": not an image archive (no manifest.json or index.json)");
        return null;
    }

    /** The layers' DiffIDs from the image configuration, when it names one per layer; else {@code layer N}. */
    private void layerIds(TarFile outer, TarArchiveEntry config, int count) throws IOException {
        List<String> ids = new ArrayList<>();
        if (config != null) {
            for (JsonNode d : json(outer, config).path("rootfs").path("diff_ids")) {
                ids.add(d.asText());
            }
        }
        if (ids.size() != count) {
            ids.clear();
            for (int i = 0; i < count; i++) {
                ids.add("layer " + i);
            }
        }
        layerIds = List.copyOf(ids);
    }

    private static String blobPath(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }

    private static JsonNode json(TarFile outer, TarArchiveEntry e) throws IOException {
        try (InputStream in = outer.getInputStream(e)) {
            return MAPPER.readTree(in.readNBytes((int) MAX_TEXT_BYTES));
        }
    }

    /** A layer blob, gunzipped when it is gzip-compressed. */
    private static TarArchiveInputStream layerStream(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        InputStream data = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
        return new TarArchiveInputStream(data);
    }

    private static void applyLayer(TarArchiveInputStream in, int layer, NavigableMap<String, Integer> owner)
            throws IOException {
        List<String> added = new ArrayList<>();
        TarArchiveEntry e;
        while ((e = in.getNextEntry()) != null) {
            String path = normalize(e.getName());
            String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
            String base = path.substring(dir.length());
            if (base.equals(OPAQUE)) {
                removeBelow(owner, dir, layer);
            } else if (base.startsWith(WHITEOUT)) {
                String victim = dir + base.substring(WHITEOUT.length());
                removeLower(owner, victim, layer);
                removeBelow(owner, victim + "/", layer);
            } else if (regular(e) && interesting(path)) {
                added.add(path);
            } else if (!e.isDirectory()) {
                // a symlink or other non-file replaces a lower layer's file of the same name
                removeLower(owner, path, layer);
            }
        }
        for (String p : added) {
            owner.put(p, layer);
        }
    }

    private static void removeLower(NavigableMap<String, Integer> owner, String path, int layer) {
        Integer o = owner.get(path);
        if (o != null && o < layer) {
            owner.remove(path);
        }
    }

    private static void removeBelow(NavigableMap<String, Integer> owner, String dirPrefix, int layer) {
        owner.subMap(dirPrefix, true, dirPrefix + Character.MAX_VALUE, false)
                .entrySet()
                .removeIf(en -> en.getValue() < layer);
    }

    /** A regular file: not a directory, link, device or FIFO (commons-compress calls symlinks files too). */
    private static boolean regular(TarArchiveEntry e) {
        return !e.isDirectory()
                && !e.isSymbolicLink()
                && !e.isLink()
                && !e.isCharacterDevice()
                && !e.isBlockDevice()
                && !e.isFIFO()
                && !e.isGlobalPaxHeader()
                && !e.isPaxHeader();
    }

    static boolean interesting(String path) {
        return path.equals("etc/os-release")
                || path.equals("usr/lib/os-release")
                || path.equals("var/lib/dpkg/status")
                || path.startsWith("var/lib/dpkg/status.d/")
                || path.equals("lib/apk/db/installed")
                || JarScanner.isArchiveName(path);
    }

    private void readSurvivors(
            TarArchiveInputStream in,
            int layer,
            NavigableMap<String, Integer> owner,
            Map<String, String> texts,
            Path tar)
            throws IOException {
        TarArchiveEntry e;
        while ((e = in.getNextEntry()) != null) {
            String path = normalize(e.getName());
            if (!regular(e) || !Integer.valueOf(layer).equals(owner.get(path))) {
                continue;
            }
            String display = tar + "!/" + path;
            if (JarScanner.isArchiveName(path)) {
                int packages = inventory.size();
                int unidentified = inventory.unidentifiedSize();
                try {
                    new JarScanner(inventory).scan(in, display, List.of());
                } catch (IOException ex) {
                    inventory.problem(display + ": unreadable archive: " + ex.getMessage());
                }
                inventory.inLayer(packages, unidentified, layerIds.get(layer));
            } else {
                byte[] b = in.readNBytes((int) MAX_TEXT_BYTES + 1);
                if (b.length > MAX_TEXT_BYTES) {
                    inventory.problem(display + ": larger than 64 MiB");
                } else {
                    texts.put(path, new String(b, StandardCharsets.UTF_8));
                }
            }
        }
    }

    private void osPackages(Map<String, String> texts, Map<String, Integer> owner, Path tar) {
        String release = texts.getOrDefault("etc/os-release", texts.get("usr/lib/os-release"));
        String ecosystem = release == null ? null : OsRelease.ecosystem(release);
        String name = tar.toString();
        boolean hasDpkg = texts.keySet().stream().anyMatch(p -> p.startsWith("var/lib/dpkg/status"));
        boolean hasApk = texts.containsKey("lib/apk/db/installed");
        if ((hasDpkg || hasApk) && ecosystem == null) {
            inventory.problem(name + ": OS packages found but etc/os-release names no known distribution; they are not"
                    + " matched");
            return;
        }
        for (Map.Entry<String, String> t : texts.entrySet()) {
            String path = t.getKey();
            String location = name + "!/" + path;
            int packages = inventory.size();
            if (path.equals("var/lib/dpkg/status")) {
                OsPackages.dpkg(t.getValue(), ecosystem, location, true).forEach(inventory::add);
            } else if (path.startsWith("var/lib/dpkg/status.d/")) {
                if (!path.endsWith(".md5sums")) {
                    OsPackages.dpkg(t.getValue(), ecosystem, location, false).forEach(inventory::add);
                }
            } else if (path.equals("lib/apk/db/installed")) {
                OsPackages.apk(t.getValue(), ecosystem, location).forEach(inventory::add);
            }
            inventory.inLayer(packages, inventory.unidentifiedSize(), layerIds.get(owner.get(path)));
        }
    }

    static String normalize(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        if (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }
}
