package dev.vigil.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.vuln.ImageArchives.Layer;
import dev.vigil.vuln.suppress.Suppressions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image archives built in the test: a Debian 11 base layer (os-release, dpkg status with openssl through its source
 * package), a layer of real jars, and a layer whose whiteout removes the vulnerable log4j jar.
 */
class ImageScanTest {
    @TempDir
    Path dir;

    private List<Layer> layers() throws Exception {
        return List.of(
                new Layer()
                        .file("usr/lib/os-release", ImageArchives.DEBIAN_11)
                        .symlink("etc/os-release", "../usr/lib/os-release")
                        .file("var/lib/dpkg/status", ImageArchives.DPKG_STATUS),
                new Layer()
                        .file("app/lib/log4j-core-2.14.1.jar", TestData.jar("log4j-core-2.14.1"))
                        .file("app/lib/commons-text-1.9.jar", TestData.jar("commons-text-1.9"))
                        .gzip(),
                new Layer().whiteout("app/lib/log4j-core-2.14.1.jar").gzip());
    }

    private static ScanResult scan(Path image) throws Exception {
        return new VulnScanner(TestData.db(), Suppressions.none()).scan(VulnScanner.inventory(List.of(image)));
    }

    private void assertDebianImage(Path image) throws Exception {
        ScanResult r = scan(image);
        assertThat(r.problems()).isEmpty();
        // one finding per advisory and installed binary package: libssl1.1 through Source: openssl, and openssl
        assertThat(r.findings())
                .filteredOn(f -> f.id().equals("DSA-5343-1"))
                .extracting(
                        f -> f.pkg().name(),
                        f -> f.pkg().ecosystem(),
                        Finding::fixed,
                        f -> f.pkg().location())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "libssl1.1", "Debian:11", List.of("1.1.1n-0+deb11u4"), image + "!/var/lib/dpkg/status"),
                        org.assertj.core.groups.Tuple.tuple(
                                "openssl", "Debian:11", List.of("1.1.1n-0+deb11u4"), image + "!/var/lib/dpkg/status"));
        Finding dsa = r.findings().stream()
                .filter(f -> f.id().equals("DSA-5343-1"))
                .findFirst()
                .orElseThrow();
        assertThat(dsa.aliases()).contains("CVE-2023-0286");
        assertThat(dsa.pkg().purl())
                .isEqualTo("pkg:deb/debian/libssl1.1@1.1.1n-0%2Bdeb11u3?arch=amd64&distro=debian-11");
        // the deinstalled libssl-dev is not installed; glibc has no advisory
        assertThat(r.packages())
                .extracting(PackageRef::name)
                .doesNotContain("libssl-dev")
                .contains("libc6");
        // the whiteout removed log4j; commons-text stays
        assertThat(r.findings())
                .extracting(Finding::id)
                .doesNotContain("CVE-2021-44228")
                .contains("CVE-2022-42889");
        assertThat(r.packages()).extracting(PackageRef::name).doesNotContain("org.apache.logging.log4j:log4j-core");
        Finding text = r.findings().stream()
                .filter(f -> f.id().equals("CVE-2022-42889"))
                .findFirst()
                .orElseThrow();
        assertThat(text.pkg().location()).isEqualTo(image + "!/app/lib/commons-text-1.9.jar");
    }

    @Test
    void dockerArchive() throws Exception {
        assertDebianImage(ImageArchives.docker(dir.resolve("shop docker.tar"), layers()));
    }

    @Test
    void ociArchive() throws Exception {
        assertDebianImage(ImageArchives.oci(dir.resolve("shop-oci.tar"), layers()));
    }

    @Test
    void withoutTheWhiteoutLayerLog4jIsThere() throws Exception {
        Path image = ImageArchives.docker(dir.resolve("before.tar"), layers().subList(0, 2));
        assertThat(scan(image).findings()).extracting(Finding::id).contains("CVE-2021-44228");
    }

    @Test
    void anOpaqueDirectoryHidesLowerLayers_butNotItsOwnFiles() throws Exception {
        Path image = ImageArchives.oci(
                dir.resolve("opaque.tar"),
                List.of(
                        layers().get(0),
                        layers().get(1),
                        new Layer()
                                .opaque("app/lib")
                                .file("app/lib/snakeyaml-1.33.jar", TestData.jar("snakeyaml-1.33"))));
        ScanResult r = scan(image);
        assertThat(r.packages())
                .extracting(PackageRef::name)
                .doesNotContain("org.apache.logging.log4j:log4j-core", "org.apache.commons:commons-text")
                .contains("org.yaml:snakeyaml");
    }

    @Test
    void distrolessStatusD_andAFixedUpgradeInALaterLayer() throws Exception {
        String fixed = "Package: libssl1.1\nArchitecture: amd64\nSource: openssl\nVersion: 1.1.1n-0+deb11u4\n";
        String vulnerable = "Package: openssl\nArchitecture: amd64\nVersion: 1.1.1n-0+deb11u3\n";
        Path image = ImageArchives.docker(
                dir.resolve("distroless.tar"),
                List.of(
                        new Layer()
                                .file("etc/os-release", ImageArchives.DEBIAN_11)
                                .file(
                                        "var/lib/dpkg/status.d/libssl1.1",
                                        "Package: libssl1.1\nArchitecture: amd64\nSource: openssl\nVersion: 1.1.1n-0+deb11u3\n")
                                .file("var/lib/dpkg/status.d/openssl", vulnerable),
                        new Layer().file("var/lib/dpkg/status.d/libssl1.1", fixed)));
        ScanResult r = scan(image);
        assertThat(r.findings()).extracting(f -> f.pkg().name()).containsExactly("openssl");
    }

    @Test
    void alpineApkDatabase() throws Exception {
        String osRelease = "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.18.4\n";
        String installed = "C:Q1abc=\nP:libcrypto3\nV:3.1.4-r0\nA:x86_64\no:openssl\n\n"
                + "P:libssl3\nV:3.1.4-r1\nA:x86_64\no:openssl\n\nP:musl\nV:1.2.4-r2\nA:x86_64\no:musl\n";
        Path image = ImageArchives.oci(
                dir.resolve("alpine.tar"),
                List.of(new Layer()
                        .file("etc/os-release", osRelease)
                        .file("lib/apk/db/installed", installed)
                        .gzip()));
        ScanResult r = scan(image);
        assertThat(r.findings())
                .extracting(Finding::id, f -> f.pkg().name(), f -> f.pkg().ecosystem(), Finding::fixed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "CVE-2023-5678", "libcrypto3", "Alpine:v3.18", List.of("3.1.4-r1")));
        assertThat(r.findings().get(0).severity()).isEqualTo(Severity.MEDIUM);
    }
}
