package dev.vigil.vuln.inventory;

import dev.vigil.vuln.PackageRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Identifies Maven artifacts in a jar, war or ear: every {@code META-INF/maven/**}{@code /pom.properties} inside
 * (shaded jars carry one per shaded artifact), and, recursively, every nested jar ({@code BOOT-INF/lib},
 * {@code WEB-INF/lib}, {@code lib/}). An archive with neither is recorded as unidentified with its SHA-1, which the
 * scan then looks up in the database's SHA-1 index ({@code maven-sha1.txt}). Untrusted input is
 * bounded: nesting depth, the size of one nested jar and the bytes inflated per top-level archive.
 */
public final class JarScanner {
    static final int MAX_DEPTH = 4;
    static final long MAX_NESTED_BYTES = 512L << 20;
    static final long MAX_TOTAL_BYTES = 4L << 30;

    private final Inventory inventory;
    private long inflated;

    public JarScanner(Inventory inventory) {
        this.inventory = inventory;
    }

    /** Whether a file name looks like a Java archive. */
    public static boolean isArchiveName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".jar") || n.endsWith(".war") || n.endsWith(".ear");
    }

    /**
     * Scans one archive.
     *
     * @param in the archive's bytes (not closed)
     * @param display how the archive is named in reports ({@code app.jar}, {@code image.tar:/app/app.jar})
     * @param through the enclosing archives, outermost first
     */
    public void scan(InputStream in, String display, List<String> through) throws IOException {
        inflated = 0;
        scan(in, display, through, 0);
    }

    private void scan(InputStream raw, String display, List<String> through, int depth) throws IOException {
        // the archive's SHA-1, for the database's SHA-1 index when nothing inside identifies it
        DigestInputStream in = new DigestInputStream(raw, sha1());
        List<Properties> poms = new ArrayList<>();
        List<String> pomPaths = new ArrayList<>();
        int nestedIdentified = 0;
        int nestedCount = 0;
        ZipInputStream zip = new ZipInputStream(in);
        ZipEntry e;
        while ((e = zip.getNextEntry()) != null) {
            String name = e.getName();
            if (e.isDirectory()) {
                continue;
            }
            if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                Properties p = new Properties();
                p.load(new ByteArrayInputStream(read(zip, 1 << 20, display + "!/" + name)));
                poms.add(p);
                pomPaths.add(name);
            } else if (isArchiveName(name) && depth < MAX_DEPTH) {
                nestedCount++;
                byte[] bytes = read(zip, MAX_NESTED_BYTES, display + "!/" + name);
                List<String> path = new ArrayList<>(through);
                path.add(display);
                int before = inventory.size();
                scan(new ByteArrayInputStream(bytes), display + "!/" + name, path, depth + 1);
                if (inventory.size() > before) {
                    nestedIdentified++;
                }
            }
        }
        int added = 0;
        for (int k = 0; k < poms.size(); k++) {
            Properties p = poms.get(k);
            String g = p.getProperty("groupId");
            String a = p.getProperty("artifactId");
            String v = p.getProperty("version");
            if (g == null || a == null || v == null || g.isBlank() || a.isBlank() || v.isBlank()) {
                continue;
            }
            String location = poms.size() == 1 ? display : display + "!/" + pomPaths.get(k);
            inventory.add(PackageRef.maven(g.trim(), a.trim(), v.trim(), location, through));
            added++;
        }
        if (added == 0 && (nestedCount == 0 || nestedIdentified == 0)) {
            in.transferTo(OutputStream.nullOutputStream()); // the central directory: the SHA-1 covers every byte
            inventory.unidentified(
                    display, HexFormat.of().formatHex(in.getMessageDigest().digest()), through);
        }
    }

    private byte[] read(InputStream in, long limit, String what) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        if (bytes.length > limit) {
            throw new IOException(what + ": larger than " + (limit >> 20) + " MiB");
        }
        inflated += bytes.length;
        if (inflated > MAX_TOTAL_BYTES) {
            throw new IOException(what + ": archive inflates to more than " + (MAX_TOTAL_BYTES >> 30) + " GiB");
        }
        return bytes;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
