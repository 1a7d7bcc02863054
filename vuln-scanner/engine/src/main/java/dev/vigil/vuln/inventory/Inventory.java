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
    private final List<String> unidentified = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public void add(PackageRef p) {
        packages.add(p);
    }

    public void unidentified(String path) {
        unidentified.add(path);
    }

    public void problem(String line) {
        problems.add(line);
    }

    /** How many packages were identified so far. */
    public int size() {
        return packages.size();
    }

    public List<PackageRef> packages() {
        return List.copyOf(packages);
    }

    public List<String> unidentified() {
        return List.copyOf(unidentified);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }
}
