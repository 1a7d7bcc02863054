package dev.vigil.vuln;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Image archives built in the test, byte for byte in the two formats the tools write: Docker ({@code docker save},
 * {@code podman save --format docker-archive}, jib) and OCI ({@code podman save --format oci-archive}). Fast and
 * deterministic; the layers hold real files (a dpkg status, real jars, whiteouts).
 */
public final class ImageArchives {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One layer: path → content; a null content is a directory; {@code .wh.} names are whiteouts. */
    public static final class Layer {
        final Map<String, byte[]> files = new LinkedHashMap<>();
        final Map<String, String> symlinks = new LinkedHashMap<>();
        boolean gzip;

        public Layer file(String path, String text) {
            files.put(path, text.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public Layer file(String path, Path from) throws IOException {
            files.put(path, Files.readAllBytes(from));
            return this;
        }

        public Layer whiteout(String path) {
            int slash = path.lastIndexOf('/');
            files.put(path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1), new byte[0]);
            return this;
        }

        public Layer opaque(String dir) {
            files.put(dir + "/.wh..wh..opq", new byte[0]);
            return this;
        }

        public Layer symlink(String path, String target) {
            symlinks.put(path, target);
            return this;
        }

        public Layer gzip() {
            gzip = true;
            return this;
        }

        byte[] tar() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    TarArchiveEntry e = new TarArchiveEntry("./" + f.getKey());
                    e.setSize(f.getValue().length);
                    out.putArchiveEntry(e);
                    out.write(f.getValue());
                    out.closeArchiveEntry();
                }
                for (Map.Entry<String, String> s : symlinks.entrySet()) {
                    TarArchiveEntry e = new TarArchiveEntry("./" + s.getKey(), TarArchiveEntry.LF_SYMLINK);
                    e.setLinkName(s.getValue());
                    out.putArchiveEntry(e);
                    out.closeArchiveEntry();
                }
            }
            if (!gzip) {
                return bytes.toByteArray();
            }
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(gz)) {
                out.write(bytes.toByteArray());
            }
            return gz.toByteArray();
        }
    }

    private ImageArchives() {}

    /** A {@code docker save} archive: {@code manifest.json}, a config blob and {@code <id>/layer.tar} per layer. */
    public static Path docker(Path target, List<Layer> layers) throws IOException {
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(target))) {
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            ArrayNode layerNames = MAPPER.createArrayNode();
            List<String> diffIds = new ArrayList<>();
            for (Layer l : layers) {
                byte[] tar = l.tar();
                String id = sha256(tar);
                diffIds.add("sha256:" + id);
                put(out, id + "/layer.tar", tar);
                layerNames.add(id + "/layer.tar");
            }
            byte[] config = config(diffIds);
            String configName = sha256(config) + ".json";
            put(out, configName, config);
            ArrayNode manifest = MAPPER.createArrayNode();
            ObjectNode m = manifest.addObject();
            m.put("Config", configName);
            m.putArray("RepoTags").add("localhost/vigil-test:latest");
            m.set("Layers", layerNames);
            put(out, "manifest.json", MAPPER.writeValueAsBytes(manifest));
        }
        return target;
    }

    /** An OCI image layout archive: {@code oci-layout}, {@code index.json} and {@code blobs/sha256/…}. */
    public static Path oci(Path target, List<Layer> layers) throws IOException {
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(target))) {
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            put(out, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            ObjectNode manifest = MAPPER.createObjectNode();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
            ArrayNode ls = manifest.putArray("layers");
            List<String> diffIds = new ArrayList<>();
            for (Layer l : layers) {
                byte[] blob = l.tar();
                String digest = sha256(blob);
                diffIds.add("sha256:" + digest);
                put(out, "blobs/sha256/" + digest, blob);
                ls.addObject()
                        .put(
                                "mediaType",
                                l.gzip
                                        ? "application/vnd.oci.image.layer.v1.tar+gzip"
                                        : "application/vnd.oci.image.layer.v1.tar")
                        .put("digest", "sha256:" + digest)
                        .put("size", blob.length);
            }
            byte[] config = config(diffIds);
            String cd = sha256(config);
            put(out, "blobs/sha256/" + cd, config);
            manifest.putObject("config")
                    .put("mediaType", "application/vnd.oci.image.config.v1+json")
                    .put("digest", "sha256:" + cd)
                    .put("size", config.length);
            byte[] mb = MAPPER.writeValueAsBytes(manifest);
            String md = sha256(mb);
            put(out, "blobs/sha256/" + md, mb);
            ObjectNode index = MAPPER.createObjectNode();
            index.put("schemaVersion", 2);
            index.putArray("manifests")
                    .addObject()
                    .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                    .put("digest", "sha256:" + md)
                    .put("size", mb.length);
            put(out, "index.json", MAPPER.writeValueAsBytes(index));
        }
        return target;
    }

    private static byte[] config(List<String> diffIds) throws IOException {
        ObjectNode c = MAPPER.createObjectNode();
        c.put("architecture", "amd64");
        c.put("os", "linux");
        ObjectNode rootfs = c.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        diffIds.forEach(ids::add);
        return MAPPER.writeValueAsBytes(c);
    }

    private static void put(TarArchiveOutputStream out, String name, byte[] bytes) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(bytes.length);
        out.putArchiveEntry(e);
        out.write(bytes);
        out.closeArchiveEntry();
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Debian 11 {@code etc/os-release}. */
    public static final String DEBIAN_11 = "PRETTY_NAME=\"Debian GNU/Linux 11 (bullseye)\"\nNAME=\"Debian GNU/Linux\"\n"
            + "VERSION_ID=\"11\"\nVERSION=\"11 (bullseye)\"\nVERSION_CODENAME=bullseye\nID=debian\n";

    /** {@code var/lib/dpkg/status} with openssl 1.1.1n-0+deb11u3 (binary openssl and libssl1.1), libc6 and a removed package. */
    public static final String DPKG_STATUS = """
            Package: libc6
            Status: install ok installed
            Priority: optional
            Section: libs
            Architecture: amd64
            Multi-Arch: same
            Source: glibc
            Version: 2.31-13+deb11u5
            Description: GNU C Library: Shared libraries
             Contains the standard libraries that are used by nearly all programs on
             the system.

            Package: libssl1.1
            Status: install ok installed
            Architecture: amd64
            Source: openssl
            Version: 1.1.1n-0+deb11u3
            Depends: libc6 (>= 2.25)
            Description: Secure Sockets Layer toolkit - shared libraries

            Package: openssl
            Status: install ok installed
            Architecture: amd64
            Version: 1.1.1n-0+deb11u3
            Description: Secure Sockets Layer toolkit - cryptographic utility

            Package: libssl-dev
            Status: deinstall ok config-files
            Architecture: amd64
            Source: openssl
            Version: 1.1.1n-0+deb11u3
            Description: removed, only its configuration files are left
            """;
}
