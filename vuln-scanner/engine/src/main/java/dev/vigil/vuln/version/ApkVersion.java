package dev.vigil.vuln.version;

/**
 * apk's version ordering, ported from apk-tools' {@code version.c}: {@code 1.2.3[a][_suffix[N]]…[-rN]}, numeric
 * components (later ones with leading zeros compare as fractions), an optional letter, pre-release suffixes
 * ({@code _alpha < _beta < _pre < _rc}) before the plain version, post-release suffixes ({@code _cvs < _svn < _git
 * < _hg < _p}) after it, then the package revision.
 */
public final class ApkVersion {
    /** Compares two Alpine package versions as {@code apk version -t} does. */
    public static final VersionOrder ORDER = ApkVersion::compare;

    private static final int INVALID = -1;
    private static final int DIGIT_OR_ZERO = 0;
    private static final int DIGIT = 1;
    private static final int LETTER = 2;
    private static final int SUFFIX = 3;
    private static final int SUFFIX_NO = 4;
    private static final int REVISION_NO = 5;
    private static final int END = 6;
    private static final String[] PRE = {"alpha", "beta", "pre", "rc"};
    private static final String[] POST = {"cvs", "svn", "git", "hg", "p"};

    private ApkVersion() {}

    /** Tokenizer state over one version string. */
    private static final class Cursor {
        final String s;
        int pos;
        int type = DIGIT;

        Cursor(String s) {
            this.s = s;
        }

        int remaining() {
            return s.length() - pos;
        }
    }

    static int compare(String a, String b) {
        Cursor x = new Cursor(a.trim());
        Cursor y = new Cursor(b.trim());
        long av = 0;
        long bv = 0;
        while (x.type == y.type && x.type != END && x.type != INVALID && av == bv) {
            av = token(x);
            bv = token(y);
        }
        if (av != bv) {
            return av < bv ? -1 : 1;
        }
        if (x.type == y.type) {
            return 0;
        }
        if (x.type == SUFFIX && peekSuffix(x) < 0) {
            return -1;
        }
        if (y.type == SUFFIX && peekSuffix(y) < 0) {
            return 1;
        }
        return x.type > y.type ? -1 : 1;
    }

    private static long peekSuffix(Cursor c) {
        Cursor copy = new Cursor(c.s);
        copy.pos = c.pos;
        copy.type = c.type;
        return token(copy);
    }

    private static long token(Cursor c) {
        if (c.remaining() <= 0) {
            c.type = END;
            return 0;
        }
        long v = 0;
        int i = 0;
        int next = INVALID;
        switch (c.type) {
            case DIGIT_OR_ZERO, DIGIT, SUFFIX_NO, REVISION_NO -> {
                if (c.type == DIGIT_OR_ZERO && c.s.charAt(c.pos) == '0') {
                    // leading zeros: all but the last one count against the component (1.001 < 1.01 < 1.1)
                    while (i + 1 < c.remaining() && c.s.charAt(c.pos + i + 1) == '0') {
                        i++;
                    }
                    next = DIGIT;
                    v = -i;
                } else {
                    while (i < c.remaining() && Character.isDigit(c.s.charAt(c.pos + i)) && i < 18) {
                        v = v * 10 + (c.s.charAt(c.pos + i) - '0');
                        i++;
                    }
                }
            }
            case LETTER -> {
                v = c.s.charAt(c.pos);
                i = 1;
            }
            case SUFFIX -> {
                String rest = c.s.substring(c.pos);
                int k = indexOfPrefix(PRE, rest);
                if (k >= 0) {
                    next = SUFFIX_NO;
                    v = k - PRE.length;
                    i = PRE[k].length();
                } else {
                    k = indexOfPrefix(POST, rest);
                    if (k < 0) {
                        c.type = INVALID;
                        return -1;
                    }
                    next = SUFFIX_NO;
                    v = k;
                    i = POST[k].length();
                }
            }
            default -> {
                c.type = INVALID;
                return -1;
            }
        }
        c.pos += i;
        if (c.remaining() == 0) {
            c.type = END;
        } else if (next != INVALID) {
            c.type = next;
        } else {
            nextToken(c);
        }
        return v;
    }

    private static int indexOfPrefix(String[] names, String s) {
        for (int k = 0; k < names.length; k++) {
            if (s.startsWith(names[k])) {
                return k;
            }
        }
        return -1;
    }

    private static void nextToken(Cursor c) {
        int n = INVALID;
        char ch = c.remaining() > 0 ? c.s.charAt(c.pos) : 0;
        if (c.remaining() == 0 || ch == 0) {
            n = END;
        } else if ((c.type == DIGIT || c.type == DIGIT_OR_ZERO) && ch >= 'a' && ch <= 'z') {
            n = LETTER;
        } else if (c.type == LETTER && Character.isDigit(ch)) {
            n = DIGIT;
        } else if (c.type == SUFFIX && Character.isDigit(ch)) {
            n = SUFFIX_NO;
        } else {
            switch (ch) {
                case '.' -> n = DIGIT_OR_ZERO;
                case '_' -> n = SUFFIX;
                case '-' -> {
                    if (c.remaining() > 1 && c.s.charAt(c.pos + 1) == 'r') {
                        n = REVISION_NO;
                        c.pos++;
                    }
                }
                default -> {}
            }
            c.pos++;
        }
        if (n < c.type) {
            if (!((n == DIGIT_OR_ZERO && c.type == DIGIT)
                    || (n == SUFFIX && c.type == SUFFIX_NO)
                    || (n == DIGIT && c.type == LETTER))) {
                n = INVALID;
            }
        }
        c.type = n;
    }
}
