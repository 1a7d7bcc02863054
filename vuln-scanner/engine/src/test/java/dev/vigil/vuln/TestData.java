package dev.vigil.vuln;

import dev.vigil.vuln.db.AdvisoryDatabase;
import dev.vigil.vuln.db.DatabaseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** The test advisories (src/test/resources/osv) and the real jars maven-dependency-plugin copies to target. */
public final class TestData {
    private TestData() {}

    public static Path osv() {
        try {
            return Path.of(TestData.class.getResource("/osv").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static AdvisoryDatabase db() throws DatabaseException {
        return AdvisoryDatabase.open(osv(), null);
    }

    /** A real jar from the Maven repository, e.g. {@code jar("log4j-core-2.14.1")}. */
    public static Path jar(String name) {
        Path p = Path.of(System.getProperty("vigil.testJars", "target/test-jars"), name + ".jar");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " missing: run the build (maven-dependency-plugin copies it)");
        }
        return p;
    }

    /** A Spring Boot style fat jar: the app's own pom.properties, its classes, and real jars in BOOT-INF/lib. */
    public static Path fatJar(Path target, String... libs) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
            put(
                    out,
                    "META-INF/maven/com.example/shop/pom.properties",
                    "groupId=com.example\nartifactId=shop\nversion=1.0.0\n".getBytes(StandardCharsets.UTF_8));
            put(out, "BOOT-INF/classes/com/example/Shop.class", new byte[] {(byte) 0xCA, (byte) 0xFE});
            for (String lib : libs) {
                JarEntry e = new JarEntry("BOOT-INF/lib/" + lib + ".jar");
                byte[] bytes = Files.readAllBytes(jar(lib));
                // Spring Boot stores nested jars uncompressed
                e.setMethod(ZipEntry.STORED);
                e.setSize(bytes.length);
                e.setCompressedSize(bytes.length);
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(bytes);
                e.setCrc(crc.getValue());
                out.putNextEntry(e);
                out.write(bytes);
                out.closeEntry();
            }
        }
        return target;
    }

    /**
     * A shaded jar as maven-shade-plugin makes it: the classes and {@code META-INF/maven/**} entries of several real
     * jars merged into one.
     */
    public static Path shadedJar(Path target, String... libs) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            put(
                    out,
                    "META-INF/maven/com.example/uber/pom.properties",
                    "groupId=com.example\nartifactId=uber\nversion=3.1\n".getBytes(StandardCharsets.UTF_8));
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String lib : libs) {
                try (ZipFile z = new ZipFile(jar(lib).toFile())) {
                    for (ZipEntry e : java.util.Collections.list(z.entries())) {
                        if (e.isDirectory() || e.getName().startsWith("META-INF/MANIFEST") || !seen.add(e.getName())) {
                            continue;
                        }
                        put(out, e.getName(), z.getInputStream(e).readAllBytes());
                    }
                }
            }
        }
        return target;
    }

    /** A jar with classes only: nothing identifies it. */
    public static Path anonymousJar(Path target) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            put(out, "com/example/Internal.class", new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
        }
        return target;
    }

    static void put(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    /** A zip of the given entries (name → content). */
    public static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                put(out, e.getKey(), e.getValue());
            }
        }
        return bytes.toByteArray();
    }

    static void copy(Path from, OutputStream to) throws IOException {
        Files.copy(from, to);
    }
}
