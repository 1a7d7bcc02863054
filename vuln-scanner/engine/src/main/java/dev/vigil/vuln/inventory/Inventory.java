package dev.vigil.vuln.inventory;

import dev.vigil.vuln.PackageRef;
import java.util.ArrayList;
import java.util.List;

/**
 * What the inputs contain: identified packages, archives nothing identifies ({@code unidentified: PATH}) and input
 * problems (one line each, naming the file; any problem makes the run exit 2).
 */
public final class Inventory {
    private final List<PackageRef> packages = new ArrayList<>();
    private final List<Unidentified> unidentified = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public void add(PackageRef p) {
        packages.add(p);
    }

    /**
     * An archive without {@code pom.properties} that none of its nested archives identified either.
     *
     * @param path how it is named in reports
     * @param sha1 the SHA-1 of its bytes (lower-case hex), to look up in the database's SHA-1 index, or null
     * @param through the enclosing archives, outermost first
     */
    public record Unidentified(String path, String sha1, List<String> through, String layer) {
        public Unidentified {
            through = List.copyOf(through);
        }
    }

    /** An archive nothing inside identifies (no SHA-1 known). */
    public void unidentified(String path) {
        unidentified.add(new Unidentified(path, null, List.of(), null));
    }

    /** An archive nothing inside identifies, with its SHA-1 for the database's SHA-1 index. */
    public void unidentified(String path, String sha1, List<String> through) {
        unidentified.add(new Unidentified(path, sha1, through, null));
    }

    public void problem(String line) {
        problems.add(line);
    }

    /** How many archives are unidentified so far. */
    public int unidentifiedSize() {
        return unidentified.size();
    }

    /**
     * Marks the packages and unidentified archives recorded since the given counts as found in an image layer.
     *
     * @param layer the layer's DiffID or {@code layer N}
     */
    public void inLayer(int packagesFrom, int unidentifiedFrom, String layer) {
        for (int k = packagesFrom; k < packages.size(); k++) {
            packages.set(k, packages.get(k).withLayer(layer));
        }
        for (int k = unidentifiedFrom; k < unidentified.size(); k++) {
            Unidentified u = unidentified.get(k);
            unidentified.set(k, new Unidentified(u.path(), u.sha1(), u.through(), layer));
        }
    }

    /** How many packages were identified so far. */
    public int size() {
        return packages.size();
    }

    public List<PackageRef> packages() {
        return List.copyOf(packages);
    }

    /** The paths of the archives nothing identified (before the SHA-1 look-up). */
    public List<String> unidentified() {
        return unidentified.stream().map(Unidentified::path).toList();
    }

    /** The archives nothing identified, with their SHA-1s. */
    public List<Unidentified> unidentifiedArchives() {
        return List.copyOf(unidentified);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }
}
