package dev.vigil.policy.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A chart's {@code kubeVersion} constraint, checked the way {@code helm template --kube-version} checks it. helm-java
 * 0.0.15 cannot pass a Kubernetes version (Helm's client-only default, v1.20.0, would refuse most current charts),
 * so Vigil checks the constraint itself against {@code --kube-version} (default {@value #DEFAULT_VERSION}) and
 * renders a temporary copy of the chart without it.
 */
final class KubeVersionConstraint {
    static final String DEFAULT_VERSION = "v1.37.0";

    private static final Pattern FIELD = Pattern.compile("^kubeVersion:\\s*(.*?)\\s*$", Pattern.MULTILINE);
    private static final Pattern COMPARATOR = Pattern.compile(
            "^(>=|<=|!=|==|=|>|<|~|\\^)?\\s*v?(\\d+|[xX*])(?:\\.(\\d+|[xX*]))?(?:\\.(\\d+|[xX*]))?(?:[-+].*)?$");

    /** The outcome: a problem line (chart refused), or whether the chart must be rendered from a copy. */
    record Check(String problem, int line, boolean needsCopy) {}

    private KubeVersionConstraint() {}

    static Check check(Path chart, String kubeVersion) throws IOException {
        String text = Files.readString(chart.resolve(HelmCharts.CHART_FILE), StandardCharsets.UTF_8);
        Matcher m = FIELD.matcher(text);
        if (!m.find()) {
            return new Check(null, 0, false);
        }
        int line = (int) text.substring(0, m.start())
                        .chars()
                        .filter(c -> c == '\n')
                        .count()
                + 1;
        String constraint = unquote(m.group(1));
        if (constraint.isEmpty()) {
            return new Check(null, 0, false);
        }
        String version = kubeVersion == null ? DEFAULT_VERSION : kubeVersion;
        int[] v = version(version);
        if (v == null) {
            return new Check("--kube-version: '" + version + "' is not a version like v1.33", 0, false);
        }
        Boolean ok = satisfies(constraint, v);
        if (ok == null) { // a constraint this check does not understand: leave it to Helm
            return new Check(null, 0, false);
        }
        if (!ok) {
            return new Check(
                    "chart requires kubeVersion " + constraint + ", which Kubernetes " + version
                            + " does not meet (--kube-version)",
                    line,
                    false);
        }
        return new Check(null, 0, true);
    }

    private static String unquote(String s) {
        String v = s.strip();
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.endsWith(v.substring(0, 1))) {
            return v.substring(1, v.length() - 1).strip();
        }
        return v;
    }

    private static int[] version(String s) {
        Matcher m = COMPARATOR.matcher(s.strip());
        if (!m.matches() || m.group(1) != null || !isNumber(m.group(2))) {
            return null;
        }
        return new int[] {number(m.group(2)), number(m.group(3)), number(m.group(4))};
    }

    /** Masterminds semver constraints as Helm uses them: {@code ||} of comma/space-separated comparators. */
    static Boolean satisfies(String constraint, int[] v) {
        for (String alternative : constraint.split("\\|\\|")) {
            boolean all = true;
            List<String> parts = Stream.of(alternative
                            .trim()
                            .replaceAll("(>=|<=|!=|==|=|>|<|~|\\^)\\s+", "$1")
                            .split("[,\\s]+"))
                    .filter(p -> !p.isEmpty())
                    .toList();
            if (parts.isEmpty()) {
                return null;
            }
            for (String part : parts) {
                Boolean one = comparator(part, v);
                if (one == null) {
                    return null;
                }
                all &= one;
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static Boolean comparator(String part, int[] v) {
        Matcher m = COMPARATOR.matcher(part);
        if (!m.matches()) {
            return null;
        }
        String op = m.group(1) == null ? "=" : m.group(1);
        if (!isNumber(m.group(2))) {
            return true; // *
        }
        int major = number(m.group(2));
        boolean minorWild = m.group(3) == null || !isNumber(m.group(3));
        boolean patchWild = m.group(4) == null || !isNumber(m.group(4));
        int minor = minorWild ? 0 : number(m.group(3));
        int patch = patchWild ? 0 : number(m.group(4));
        int[] c = {major, minor, patch};
        int cmp = compare(v, c);
        return switch (op) {
            case ">=" -> cmp >= 0;
            case ">" -> cmp > 0;
            case "<=" -> cmp <= 0 || prefixEqual(v, c, minorWild, patchWild);
            case "<" -> cmp < 0;
            case "!=" -> !prefixEqual(v, c, minorWild, patchWild);
            case "~" -> cmp >= 0 && (minorWild ? v[0] == major : v[0] == major && v[1] == minor);
            case "^" -> cmp >= 0 && v[0] == major;
            default -> prefixEqual(v, c, minorWild, patchWild);
        };
    }

    private static boolean prefixEqual(int[] v, int[] c, boolean minorWild, boolean patchWild) {
        return v[0] == c[0] && (minorWild || v[1] == c[1]) && (patchWild || minorWild || v[2] == c[2]);
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    private static boolean isNumber(String s) {
        return s != null && !s.isEmpty() && Character.isDigit(s.charAt(0));
    }

    private static int number(String s) {
        return s == null || !isNumber(s) ? 0 : Integer.parseInt(s.length() > 6 ? s.substring(0, 6) : s);
    }

    /** A temporary copy of the chart whose Chart.yaml has no kubeVersion line. */
    static Path copyWithoutConstraint(Path chart) throws IOException {
        Path copy = Files.createTempDirectory("vigil-chart");
        Path root = chart.toRealPath();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = copy.resolve(root.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, target);
                }
            }
        }
        Path chartFile = copy.resolve(HelmCharts.CHART_FILE);
        String text = Files.readString(chartFile, StandardCharsets.UTF_8);
        Files.writeString(chartFile, FIELD.matcher(text).replaceFirst("# kubeVersion checked by vigil lint"));
        return copy;
    }

    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // idem
        }
    }
}
