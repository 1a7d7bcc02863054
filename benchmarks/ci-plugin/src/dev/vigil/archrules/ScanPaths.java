package dev.vigil.archrules;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The default rules over class folders and jars (real applications' bytecode), one finding per line with its path,
 * for triage in benchmarks/RESULTS.md. Usage: {@code ScanPaths PATH...}
 */
public final class ScanPaths {
    public static void main(String[] args) throws Exception {
        Set<Location> locations = new HashSet<>();
        for (String a : args) {
            Path p = Path.of(a).toAbsolutePath();
            locations.add(a.endsWith(".jar") ? Location.of(new java.util.jar.JarFile(p.toFile()).getName() != null
                    ? java.net.URI.create("jar:" + p.toUri() + "!/") : null) : Location.of(p));
        }
        JavaClasses classes = new ClassFileImporter().importLocations(locations);
        long start = System.nanoTime();
        int n = 0;
        for (SecurityRule rule : SecurityRules.defaults()) {
            for (Violation v : rule.violations(classes)) {
                n++;
                System.out.println(v.ruleId() + " " + v.className() + "." + v.member() + ":" + v.line() + " "
                        + v.message());
                v.path().forEach(s -> System.out.println("    " + s.sourcePath() + ":" + s.line() + " " + s.text()));
            }
        }
        System.err.printf("%d classes, %d findings, rules %.2f s%n", classes.size(), n, (System.nanoTime() - start) / 1e9);
    }
}
