package dev.vigil.policy;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Pod Security Standards version: {@code v1.0} … {@code v1.37}, or {@code latest}. Version-dependent checks
 * compare against it the way Pod Security Admission does.
 */
public final class PssVersion implements Comparable<PssVersion> {
    /** The newest version whose checks this release knows. */
    public static final int LATEST_MINOR = 37;

    public static final PssVersion LATEST = new PssVersion(1, Integer.MAX_VALUE);

    private static final Pattern FORMAT = Pattern.compile("v(\\d+)\\.(\\d+)");

    private final int major;
    private final int minor;

    private PssVersion(int major, int minor) {
        this.major = major;
        this.minor = minor;
    }

    /** Version {@code v1.minor}. */
    public static PssVersion v1(int minor) {
        return new PssVersion(1, minor);
    }

    /**
     * Parses {@code latest} or {@code vMAJOR.MINOR}.
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public static PssVersion parse(String text) {
        if ("latest".equals(text)) {
            return LATEST;
        }
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches() || !"1".equals(m.group(1))) {
            throw new IllegalArgumentException(
                    "PSS version '" + text + "' is not valid; expected 'latest' or v1.0 … v1." + LATEST_MINOR);
        }
        return new PssVersion(1, Integer.parseInt(m.group(2)));
    }

    /** True when this version is at least {@code v1.minor} (latest is at least everything). */
    public boolean atLeast(int minor) {
        return this.minor >= minor;
    }

    public boolean isLatest() {
        return minor == Integer.MAX_VALUE;
    }

    @Override
    public int compareTo(PssVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PssVersion v && v.major == major && v.minor == minor;
    }

    @Override
    public int hashCode() {
        return Objects.hash(major, minor);
    }

    @Override
    public String toString() {
        return isLatest() ? "latest" : "v" + major + "." + minor;
    }
}
