package dev.vigil.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three version orderings against their reference rules: dpkg's against {@code dpkg --compare-versions} itself
 * on random versions, apk's against the ordering apk-tools documents and tests, Maven's against the Maven
 * specification's examples, and each a total order on random samples.
 */
class VersionOrderTest {
    private static final long SEED = 20261207L;

    @ParameterizedTest
    @CsvSource({
        "1.0, 1.0-1, -1",
        "1.0~rc1, 1.0, -1",
        "1.0~~, 1.0~, -1",
        "1.0~, 1.0, -1",
        "1.0, 1.0+b1, -1",
        "1:0.9, 2.0, 1",
        "1.1.1n-0+deb11u3, 1.1.1n-0+deb11u4, -1",
        "3.0.11-1~deb12u1, 3.0.11-1, -1",
        "2.31-13+deb11u5, 2.31-13+deb11u10, -1",
        "1.0a, 1.0+, -1",
        "01.0, 1.0, 0",
        "0:1.0, 1.0, 0"
    })
    void dpkgExamples(String a, String b, int expected) {
        assertThat(Integer.signum(DpkgVersion.ORDER.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(DpkgVersion.ORDER.compare(b, a))).isEqualTo(-expected);
    }

    @Test
    void dpkgAgreesWithDpkgCompareVersions() throws Exception {
        Assumptions.assumeTrue(
                new java.io.File("/usr/bin/dpkg").canExecute(), "dpkg is the reference; it is on every Debian host");
        Random rnd = new Random(SEED);
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String a = randomDebian(rnd);
            String b = rnd.nextInt(4) == 0 ? mutate(a, rnd) : randomDebian(rnd);
            pairs.add(new String[] {a, b});
        }
        Process p = new ProcessBuilder(
                        "bash",
                        "-c",
                        "while read -r a b; do if dpkg --compare-versions \"$a\" lt \"$b\"; then echo -1;"
                                + " elif dpkg --compare-versions \"$a\" eq \"$b\"; then echo 0; else echo 1; fi; done")
                .redirectErrorStream(true)
                .start();
        try (Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String[] pair : pairs) {
                w.write(pair[0] + " " + pair[1] + "\n");
            }
        }
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.add(line.trim());
            }
        }
        p.waitFor();
        assertThat(out).hasSize(pairs.size());
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            int mine = Integer.signum(DpkgVersion.ORDER.compare(pairs.get(i)[0], pairs.get(i)[1]));
            if (mine != Integer.parseInt(out.get(i))) {
                disagreements.add(
                        pairs.get(i)[0] + " vs " + pairs.get(i)[1] + ": dpkg " + out.get(i) + ", ours " + mine);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static String randomDebian(Random rnd) {
        StringBuilder b = new StringBuilder();
        if (rnd.nextInt(5) == 0) {
            b.append(rnd.nextInt(3)).append(':');
        }
        b.append(rnd.nextInt(4));
        String[] seps = {".", ".", "+", "~", "a", "b", "~rc", "+dfsg", ".0"};
        int parts = rnd.nextInt(4);
        for (int i = 0; i < parts; i++) {
            b.append(seps[rnd.nextInt(seps.length)]);
            if (rnd.nextBoolean()) {
                b.append(rnd.nextInt(rnd.nextBoolean() ? 3 : 120));
            }
        }
        if (rnd.nextBoolean()) {
            b.append('-').append(rnd.nextInt(3));
            if (rnd.nextBoolean()) {
                b.append(rnd.nextBoolean() ? "+deb11u" : "~deb12u").append(rnd.nextInt(12));
            }
        }
        return b.toString();
    }

    private static String mutate(String v, Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> v + "~1";
            case 1 -> v + "+b1";
            case 2 -> v.replace('1', '2');
            default -> "0" + v.replaceFirst("^\\d+:", "");
        };
    }

    @ParameterizedTest
    @CsvSource({
        "1.0, 1.0-r1, -1",
        "1.0_alpha, 1.0, -1",
        "1.0_alpha1, 1.0_beta, -1",
        "1.0_beta, 1.0_pre, -1",
        "1.0_pre, 1.0_rc, -1",
        "1.0_rc1, 1.0, -1",
        "1.0, 1.0_p1, -1",
        "1.0_p1, 1.0_p2, -1",
        "1.0_cvs, 1.0_p, -1",
        "1.0_git20230101, 1.0_p1, -1",
        "1.0-r1, 1.0_p1, -1",
        "1.0, 1.0a, -1",
        "1.0a, 1.0b, -1",
        "1.0a, 1.0.1, -1",
        "1.0, 1.0.1, -1",
        "1.9, 1.10, -1",
        "1.01, 1.1, -1",
        "1.001, 1.01, -1",
        "3.1.4-r0, 3.1.4-r1, -1",
        "3.1.4-r10, 3.1.4-r9, 1",
        "2.0, 2.0, 0",
        "1.2.3_rc2-r1, 1.2.3-r0, -1"
    })
    void apkReferenceOrdering(String a, String b, int expected) {
        assertThat(Integer.signum(ApkVersion.ORDER.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(ApkVersion.ORDER.compare(b, a))).isEqualTo(-expected);
    }

    @ParameterizedTest
    @CsvSource({
        "1.0-alpha-1, 1.0, -1",
        "1.0-alpha-1, 1.0-beta-1, -1",
        "1.0-beta-1, 1.0-SNAPSHOT, -1",
        "1.0-SNAPSHOT, 1.0, -1",
        "1.0, 1.0-1, -1",
        "1.0-1, 1.0-2, -1",
        "1.0.0, 1.0, 0",
        "1.0-rc1, 1.0, -1",
        "2.0-beta9, 2.0, -1",
        "2.0-beta9, 2.0-rc1, -1",
        "2.12.2, 2.13.0, -1",
        "2.9, 2.10, -1",
        "1.0.RELEASE, 1.0, 0",
        "1.0-sp, 1.0, 1"
    })
    void mavenSpecificationExamples(String a, String b, int expected) {
        assertThat(Integer.signum(MavenVersion.ORDER.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(MavenVersion.ORDER.compare(b, a))).isEqualTo(-expected);
    }

    @Test
    void eachOrderingIsATotalOrderOnRandomSamples() {
        Random rnd = new Random(SEED);
        List<String> debian = new ArrayList<>();
        List<String> apk = new ArrayList<>();
        List<String> maven = new ArrayList<>();
        String[] apkSuffixes = {"", "_alpha", "_beta2", "_rc1", "_p3", "_git2023", "a", "-r1", "-r12"};
        String[] mavenSuffixes = {"", "-alpha-1", "-beta9", "-rc1", "-SNAPSHOT", ".Final", "-1", "-sp1", ".RELEASE"};
        for (int i = 0; i < 60; i++) {
            debian.add(randomDebian(rnd));
            apk.add(rnd.nextInt(4) + "." + rnd.nextInt(12) + (rnd.nextBoolean() ? "." + rnd.nextInt(3) : "")
                    + apkSuffixes[rnd.nextInt(apkSuffixes.length)]);
            maven.add(rnd.nextInt(4) + "." + rnd.nextInt(12) + (rnd.nextBoolean() ? "." + rnd.nextInt(3) : "")
                    + mavenSuffixes[rnd.nextInt(mavenSuffixes.length)]);
        }
        assertTotalOrder(DpkgVersion.ORDER, debian);
        assertTotalOrder(ApkVersion.ORDER, apk);
        assertTotalOrder(MavenVersion.ORDER, maven);
    }

    private static void assertTotalOrder(VersionOrder order, List<String> values) {
        for (String a : values) {
            assertThat(order.compare(a, a)).as(a).isZero();
            for (String b : values) {
                assertThat(Integer.signum(order.compare(a, b)))
                        .as(a + " vs " + b)
                        .isEqualTo(-Integer.signum(order.compare(b, a)));
                for (String c : values.subList(0, 20)) {
                    if (order.compare(a, b) <= 0 && order.compare(b, c) <= 0) {
                        assertThat(order.compare(a, c))
                                .as(a + " ≤ " + b + " ≤ " + c)
                                .isLessThanOrEqualTo(0);
                    }
                }
            }
        }
    }
}
