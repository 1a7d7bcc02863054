package dev.vigil.vuln;

import dev.vigil.vuln.db.AdvisoryDatabase;
import dev.vigil.vuln.db.CorruptIndexException;
import dev.vigil.vuln.inventory.ImageScanner;
import dev.vigil.vuln.inventory.Inventory;
import dev.vigil.vuln.inventory.JarScanner;
import dev.vigil.vuln.inventory.SbomReader;
import dev.vigil.vuln.match.Matcher;
import dev.vigil.vuln.suppress.Suppressions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The engine's entry point: inventory of the inputs (jars, folders, SBOMs, image archives, or packages handed in by
 * a front end such as the Maven plugin) → exact matches against the advisory database → suppressions and VEX.
 */
public final class VulnScanner {
    private final AdvisoryDatabase db;
    private final Suppressions suppressions;

    /**
     * @param db the opened advisory database
     * @param suppressions configured suppressions and VEX statements ({@link Suppressions#none()} for none)
     */
    public VulnScanner(AdvisoryDatabase db, Suppressions suppressions) {
        this.db = db;
        this.suppressions = suppressions;
    }

    /** Finds the packages in {@code paths} (each a jar, a folder, an SBOM or an image archive). */
    public static Inventory inventory(List<Path> paths) {
        Inventory inv = new Inventory();
        for (Path p : paths) {
            try {
                add(p, inv);
            } catch (IOException | RuntimeException e) {
                inv.problem(p + ": unreadable: " + e.getMessage());
            }
        }
        return inv;
    }

    private static void add(Path p, Inventory inv) throws IOException {
        if (!Files.exists(p)) {
            inv.problem(p + ": no such file or directory");
            return;
        }
        if (Files.isDirectory(p)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(p)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(f -> JarScanner.isArchiveName(f.getFileName().toString()))
                        .sorted()
                        .toList();
            }
            for (Path f : files) {
                jar(f, inv);
            }
            return;
        }
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            SbomReader.read(p, inv);
        } else if (JarScanner.isArchiveName(name) || isZip(p)) {
            jar(p, inv);
        } else if (ImageScanner.isImage(p)) {
            new ImageScanner(inv).scan(p);
        } else {
            inv.problem(p + ": not a jar, a folder, a JSON SBOM or an image archive");
        }
    }

    private static void jar(Path f, Inventory inv) {
        try (InputStream in = Files.newInputStream(f)) {
            new JarScanner(inv).scan(in, f.toString(), List.of());
        } catch (IOException e) {
            inv.problem(f + ": unreadable archive: " + e.getMessage());
        }
    }

    private static boolean isZip(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }

    /**
     * Matches an inventory: archives without {@code pom.properties} looked up by SHA-1 in the database's index, then
     * findings for every package, then suppressions and VEX applied.
     */
    public ScanResult scan(Inventory inventory) {
        List<PackageRef> packages = new ArrayList<>(inventory.packages());
        List<String> unidentified = identifyBySha1(inventory.unidentifiedArchives(), packages);
        Matcher matcher = new Matcher(db);
        List<Finding> findings = new ArrayList<>();
        List<String> problems = new ArrayList<>(inventory.problems());
        for (PackageRef p : packages) {
            try {
                for (Finding f : matcher.match(p)) {
                    findings.add(suppressions.apply(f));
                }
            } catch (CorruptIndexException e) {
                // an index cache record that does not decode: named once, the other packages are still matched
                if (!problems.contains(e.getMessage())) {
                    problems.add(e.getMessage());
                }
            }
        }
        findings.sort(Comparator.comparing((Finding f) -> f.severity().ordinal())
                .thenComparing(Finding::id)
                .thenComparing(f -> f.pkg().name())
                .thenComparing(f -> f.pkg().location()));
        List<String> warnings = new ArrayList<>(suppressions.warnings());
        return new ScanResult(findings, packages, unidentified, problems, warnings);
    }

    /**
     * Adds the archives the SHA-1 index knows to {@code packages}; returns the paths of those it does not know either,
     * leaving out an enclosing archive once a nested one is identified.
     */
    private List<String> identifyBySha1(List<Inventory.Unidentified> archives, List<PackageRef> packages) {
        Set<String> enclosing = new HashSet<>();
        List<Inventory.Unidentified> unknown = new ArrayList<>();
        for (Inventory.Unidentified u : archives) {
            String gav = db.artifactBySha1(u.sha1());
            if (gav == null) {
                unknown.add(u);
                continue;
            }
            String[] p = gav.split(":", 3);
            packages.add(
                    PackageRef.maven(p[0], p[1], p[2], u.path(), u.through()).withLayer(u.layer()));
            enclosing.addAll(u.through());
        }
        return unknown.stream()
                .map(Inventory.Unidentified::path)
                .filter(path -> !enclosing.contains(path))
                .toList();
    }
}
