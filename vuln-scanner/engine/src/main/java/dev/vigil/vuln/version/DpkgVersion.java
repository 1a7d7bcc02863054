package dev.vigil.vuln.version;

/**
 * dpkg's version ordering (Debian Policy 5.6.12, {@code lib/dpkg/version.c}): {@code [epoch:]upstream[-revision]};
 * epochs numerically, then upstream and revision alternately by non-digit runs (letters before other characters,
 * {@code ~} before everything, even the end) and digit runs (numerically).
 */
public final class DpkgVersion {
    /** Compares two Debian versions as {@code dpkg --compare-versions} does. */
    public static final VersionOrder ORDER = DpkgVersion::compare;

    private DpkgVersion() {}

    static int compare(String a, String b) {
        String[] x = split(a.trim());
        String[] y = split(b.trim());
        int c = compareEpoch(x[0], y[0]);
        if (c != 0) {
            return c;
        }
        c = verrevcmp(x[1], y[1]);
        return c != 0 ? c : verrevcmp(x[2], y[2]);
    }

    private static String[] split(String v) {
        int colon = v.indexOf(':');
        String epoch = colon >= 0 ? v.substring(0, colon) : "0";
        String rest = colon >= 0 ? v.substring(colon + 1) : v;
        int dash = rest.lastIndexOf('-');
        String upstream = dash >= 0 ? rest.substring(0, dash) : rest;
        String revision = dash >= 0 ? rest.substring(dash + 1) : "";
        return new String[] {epoch, upstream, revision};
    }

    private static int compareEpoch(String a, String b) {
        return compareDigits(a, b);
    }

    private static int compareDigits(String a, String b) {
        String x = stripZeros(a);
        String y = stripZeros(b);
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : Integer.signum(x.compareTo(y));
    }

    private static String stripZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.isEmpty() ? "0" : s.substring(i);
    }

    private static int order(int c) {
        if (isDigit(c)) {
            return 0;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return c;
        } else if (c == '~') {
            return -1;
        } else if (c != 0) {
            return c + 256;
        }
        return 0;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static int at(String s, int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }

    private static int verrevcmp(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while ((at(a, i) != 0 && !isDigit(at(a, i))) || (at(b, j) != 0 && !isDigit(at(b, j)))) {
                int ac = order(at(a, i));
                int bc = order(at(b, j));
                if (ac != bc) {
                    return Integer.signum(ac - bc);
                }
                i++;
                j++;
            }
            while (at(a, i) == '0') {
                i++;
            }
            while (at(b, j) == '0') {
                j++;
            }
            int firstDiff = 0;
            while (isDigit(at(a, i)) && isDigit(at(b, j))) {
                if (firstDiff == 0) {
                    firstDiff = at(a, i) - at(b, j);
                }
                i++;
                j++;
            }
            if (isDigit(at(a, i))) {
                return 1;
            }
            if (isDigit(at(b, j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return Integer.signum(firstDiff);
            }
        }
        return 0;
    }
}
