package dev.vigil.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The upstream Pod Security Admission fixtures in {@code conformance/pss} of the shared folder, and the checks that
 * make a partial or edited copy fail rather than pass with fewer tests: every directory holds as many files as
 * {@code version-ranges.tsv} says, neither {@code pass/} nor {@code fail/} is empty, and every file matches its
 * {@code MANIFEST.tsv} checksum.
 */
public final class PssFixtures {
    private static final Pattern VERSIONS = Pattern.compile("^1\\.(\\d+)(?:-1\\.(\\d+))?(?:\\(.*\\))?$");

    /** One line of version-ranges.tsv: a level, the minor versions it covers, its folder and its file count. */
    public record Range(String level, int fromMinor, int toMinor, Path dir, int files) {}

    private PssFixtures() {}

    /** The fixtures folder; skipped when absent, a failure under {@code -Dvigil.strict=true}. */
    public static Path root() {
        Path root = Requirements.sharedDir().resolve("conformance").resolve("pss");
        Requirements.path("pss-fixtures", root.resolve("version-ranges.tsv"), "the upstream PSS conformance fixtures");
        return root;
    }

    /** The ranges of {@code version-ranges.tsv}. */
    public static List<Range> ranges(Path root) throws IOException {
        List<Range> out = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("version-ranges.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length < 4 || cols[0].equals("level")) {
                continue;
            }
            Matcher m = VERSIONS.matcher(cols[1].strip());
            if (!m.matches()) {
                throw new IllegalStateException("version-ranges.tsv: cannot read versions '" + cols[1] + "'");
            }
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            out.add(new Range(cols[0], from, to, root.resolve(cols[2]), Integer.parseInt(cols[3].strip())));
        }
        return out;
    }

    /** The {@code *.yaml} files of a folder, sorted; empty when the folder is absent. */
    public static List<Path> yamlFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /**
     * Every problem with the copy: a range whose folder holds another number of files than listed, an empty
     * {@code pass/} or {@code fail/}, no range at all, a file missing from or differing from {@code MANIFEST.tsv}.
     */
    public static List<String> problems(Path root) throws IOException {
        List<String> problems = new ArrayList<>();
        List<Range> ranges = ranges(root);
        if (ranges.isEmpty()) {
            problems.add("version-ranges.tsv lists no range");
        }
        for (Range r : ranges) {
            int pass = yamlFiles(r.dir().resolve("pass")).size();
            int fail = yamlFiles(r.dir().resolve("fail")).size();
            String dir = root.relativize(r.dir()).toString();
            if (pass == 0) {
                problems.add(dir + "/pass holds no fixture");
            }
            if (fail == 0) {
                problems.add(dir + "/fail holds no fixture");
            }
            if (pass + fail != r.files()) {
                problems.add(dir + " holds " + (pass + fail) + " fixtures, version-ranges.tsv says " + r.files());
            }
        }
        int checked = 0;
        for (String line : Files.readAllLines(root.resolve("MANIFEST.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length != 2 || cols[0].equals("path")) {
                continue;
            }
            Path file = root.resolve(cols[0]);
            String actual = Files.isRegularFile(file) ? sha256(file) : "missing";
            if (!actual.equals(cols[1])) {
                problems.add(cols[0] + " differs from MANIFEST.tsv (" + actual + ")");
            }
            checked++;
        }
        if (checked == 0) {
            problems.add("MANIFEST.tsv lists no file");
        }
        return problems;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
