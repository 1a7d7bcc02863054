package dev.vigil.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.archrules.SecurityRules;
import dev.vigil.archrules.report.CodeRun;
import dev.vigil.archrules.report.Issue;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Baselines keep working across the data-flow engine: findings the rules made before it (release at commit e51dbb1,
 * recorded by running that code on these fixtures) keep their fingerprints, so a baselined finding that did not
 * change is not reported as new. Findings the old rules got wrong (an AES key generator, a SecureRandom passed as
 * Random) are left out on purpose: they are gone.
 */
class FingerprintStabilityTest {
    /** Fingerprints the pre-engine rules gave the fixtures' findings (rule, class, member, detail; no lines). */
    private static final List<String> BEFORE_THE_ENGINE = List.of(
            "20cd21f4c0f33fe897d2c194b2582b2e", // 002 SuppressedOnMethod.fingerprint MD5
            "145f3aaffe7ebe0f7b17f0a572f792dd", // 002 ViolatingDigests.md5 MD5
            "b9807f4c71d5dc32082f27572477eb58", // 002 ViolatingDigests.sha1 SHA-1
            "e770344fd2dbba73b3670b244a1c564f", // 002 ViolatingDigests.throughLocals MD5 (a field)
            "f53f2ba48a11a305ce78cf775cd3211c", // 003 ViolatingCiphers.chosen DESede/CBC
            "ea1048958e32ecc4b5c674819cab38dd", // 003 ViolatingCiphers.ciphers AES
            "ebf4bfd5d03039011f325444000cd5d4", // 003 ViolatingCiphers.ciphers AES/ECB
            "9424b8caeffa8e548157b144dcecb8da", // 003 ViolatingCiphers.ciphers DES/CBC
            "25b06d8099b52d19cab39a39398a2d0b", // 003 ViolatingCiphers.ciphers KeyGenerator DESede
            "2c3255dab80dbe9a408f0ae60f9b7f23", // 005 ViolatingTokens.jitter Math.random
            "2e3bd0e8c2d6e771f69d458d45992bd0", // 005 ViolatingTokens.token Random.nextLong
            "656d66c38686924c7ee284c07dc675ea"); // 020 ViolatingPlainHttpCookie.session ResponseCookie

    @Test
    void unchangedFindingsKeepTheirPreEngineFingerprints() throws Exception {
        Path classes = Path.of("target/test-classes/dev/vigil/archrules/fixtures");
        List<Issue> issues = CodeRun.run(
                List.of(classes),
                List.of(Path.of("target/test-classes")),
                List.of(Path.of("src/test/java")),
                Path.of("").toAbsolutePath(),
                List.of(
                        SecurityRules.WEAK_HASH_ALGORITHM,
                        SecurityRules.WEAK_CIPHER,
                        SecurityRules.PREDICTABLE_RANDOM_IN_SECURITY_CODE,
                        SecurityRules.COOKIE_WITHOUT_SECURE));
        assertThat(issues).extracting(Issue::fingerprint).containsAll(BEFORE_THE_ENGINE);
    }
}
