package dev.vigil.archrules;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import dev.vigil.archrules.flow.CodeFlow;
import dev.vigil.archrules.flow.Event;
import dev.vigil.archrules.flow.SinkKind;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Cryptography: where it may live, which algorithms, which randomness (CWE-327, 328, 326, 330, 337). */
final class CryptoRules {
    private static final Set<String> GET_INSTANCE = Set.of("getInstance");
    private static final Set<String> WEAK_HASHES = Set.of("MD2", "MD4", "MD5", "SHA", "SHA1", "SHA-1");
    private static final Set<String> WEAK_CIPHERS =
            Set.of("DES", "DESEDE", "TRIPLEDES", "3DES", "RC2", "RC4", "ARCFOUR", "BLOWFISH");
    private static final Set<String> WEAK_PROTOCOLS = Set.of("SSL", "SSLV2", "SSLV3", "TLSV1", "TLSV1.1");
    private static final List<String> CRYPTO_PACKAGES = List.of(
            "javax.crypto.",
            "java.security.MessageDigest",
            "java.security.Signature",
            "java.security.KeyPairGenerator",
            "java.security.KeyFactory",
            "org.bouncycastle.");

    private CryptoRules() {}

    static SecurityRule cryptoConfined(Conventions conventions) {
        return SecurityRule.builder("VIGIL-ARCH-001", "crypto-outside-allowed-packages")
                .title("Cryptographic primitives are used only in the crypto packages")
                .cwe(327)
                .policy()
                .securitySeverity(5.3)
                .description("Hand-rolled cryptography spread over a code base is where broken algorithms, reused IVs "
                        + "and unchecked signatures hide. JCA/JCE primitives (Cipher, Mac, MessageDigest, Signature, "
                        + "key generators, Bouncy Castle) may only be used in the packages "
                        + String.join(", ", conventions.cryptoPackages()) + "; everything else calls that layer.")
                .remediation("Move the cryptographic code into a crypto package and call it from here, "
                        + "or configure the allowed packages (vigil.arch.cryptoPackages).")
                .check((c, findings) -> {
                    if (Code.inPackages(c, conventions.cryptoPackages())) {
                        return;
                    }
                    for (JavaAccess<?> a : Code.accessesToPackages(c, CRYPTO_PACKAGES)) {
                        String target = Code.target(a);
                        findings.report(
                                Code.member(a),
                                a.getLineNumber(),
                                target,
                                Code.simple(c.getName()) + " uses " + target + " outside the crypto packages");
                    }
                });
    }

    static SecurityRule weakHash() {
        return SecurityRule.builder("VIGIL-ARCH-002", "weak-hash-algorithm")
                .title("No broken hash algorithms (MD2, MD4, MD5, SHA-1)")
                .cwe(328)
                .securitySeverity(7.5)
                .description("MD5 and SHA-1 collisions can be computed cheaply; MD2 and MD4 are worse. A digest made "
                        + "with them proves nothing about integrity or identity. The algorithm names are string "
                        + "constants passed to MessageDigest.getInstance, which the rule reads from the bytecode; "
                        + "commons-codec DigestUtils.md5*/sha1* and Guava Hashing.md5/sha1 are found too.")
                .remediation("Use SHA-256 or stronger (MessageDigest.getInstance(\"SHA-256\")); "
                        + "for passwords use a password hash (Argon2, bcrypt, PBKDF2).")
                .check((c, findings) -> {
                    for (Event e : CodeFlow.of(c).events()) {
                        String alg = e.value();
                        if (e.type().equals("crypto")
                                && e.owner().equals("java/security/MessageDigest")
                                && alg != null
                                && WEAK_HASHES.contains(alg.toUpperCase(Locale.ROOT))) {
                            String what = "MessageDigest.getInstance(" + Code.quote(alg) + ")";
                            findings.report(e.method(), e.line(), what, what + " uses a broken hash algorithm");
                        }
                    }
                    for (Bytecode.Call call : Bytecode.of(c).calls) {
                        boolean codec = call.owner().equals("org.apache.commons.codec.digest.DigestUtils")
                                && (call.name().startsWith("md5")
                                        || call.name().startsWith("sha1")
                                        || call.name().startsWith("md2")
                                        || call.name().equals("shaHex")
                                        || call.name().startsWith("getMd5")
                                        || call.name().startsWith("getSha1"));
                        boolean guava = call.owner().equals("com.google.common.hash.Hashing")
                                && (call.name().equals("md5") || call.name().equals("sha1"));
                        if (codec || guava) {
                            String what = Code.simple(call.owner()) + "." + call.name();
                            findings.report(call.method(), call.line(), what, what + " uses a broken hash algorithm");
                        }
                    }
                });
    }

    static SecurityRule weakCipher() {
        return SecurityRule.builder("VIGIL-ARCH-003", "weak-cipher")
                .title("No broken ciphers or ECB mode")
                .cwe(327)
                .securitySeverity(7.5)
                .description("DES, 3DES, RC2, RC4 and Blowfish are broken or have 64-bit blocks; ECB mode leaks "
                        + "patterns of the plaintext, and Cipher.getInstance(\"AES\") silently means AES/ECB. The "
                        + "transformation strings passed to Cipher, KeyGenerator and SecretKeyFactory are read from "
                        + "the bytecode.")
                .remediation("Use an authenticated mode: Cipher.getInstance(\"AES/GCM/NoPadding\") with a fresh "
                        + "96-bit IV per message, or ChaCha20-Poly1305.")
                .check((c, findings) -> {
                    Set<String> owners =
                            Set.of("javax/crypto/Cipher", "javax/crypto/KeyGenerator", "javax/crypto/SecretKeyFactory");
                    for (Event e : CodeFlow.of(c).events()) {
                        if (!e.type().equals("crypto") || !owners.contains(e.owner()) || e.value() == null) {
                            continue;
                        }
                        String transformation = e.value();
                        boolean cipher = e.owner().equals("javax/crypto/Cipher");
                        String problem = cipherProblem(transformation, cipher);
                        if (problem != null) {
                            String owner = e.owner().substring(e.owner().lastIndexOf('/') + 1);
                            String what = owner + ".getInstance(" + Code.quote(transformation) + ")";
                            findings.report(e.method(), e.line(), what, what + " " + problem);
                        }
                    }
                });
    }

    /** Why a transformation is weak, or null; modes only matter for a Cipher (a KeyGenerator has none). */
    static String cipherProblem(String transformation, boolean cipher) {
        String t = transformation.toUpperCase(Locale.ROOT);
        String[] parts = t.split("/");
        String alg = parts[0];
        if (WEAK_CIPHERS.contains(alg) || alg.startsWith("PBEWITHMD5") || alg.startsWith("DESEDE")) {
            return "uses a broken cipher";
        }
        if (!cipher) {
            return null;
        }
        if (parts.length > 1 && parts[1].equals("ECB") && !alg.equals("RSA")) {
            return "uses ECB mode, which leaks plaintext patterns";
        }
        if (parts.length == 1 && alg.equals("AES")) {
            return "defaults to ECB mode, which leaks plaintext patterns";
        }
        return null;
    }

    static SecurityRule weakTlsProtocol() {
        return SecurityRule.builder("VIGIL-ARCH-004", "weak-tls-protocol")
                .title("No SSL or TLS 1.0/1.1 contexts")
                .cwe(326)
                .securitySeverity(7.4)
                .description("SSLContext.getInstance(\"SSL\"), \"SSLv3\", \"TLSv1\" and \"TLSv1.1\" ask for "
                        + "protocols with known attacks (POODLE, BEAST) that current peers refuse.")
                .remediation("Use SSLContext.getInstance(\"TLSv1.3\") or \"TLS\" (the JDK default protocols).")
                .check((c, findings) -> {
                    for (Bytecode.Call call : Code.calls(c, Set.of("javax.net.ssl.SSLContext"), GET_INSTANCE)) {
                        String protocol = first(call.args());
                        if (protocol != null && WEAK_PROTOCOLS.contains(protocol.toUpperCase(Locale.ROOT))) {
                            String what = "SSLContext.getInstance(" + Code.quote(protocol) + ")";
                            findings.report(call.method(), call.line(), what, what + " asks for a broken protocol");
                        }
                    }
                });
    }

    static SecurityRule predictableRandom(Conventions conventions) {
        return SecurityRule.builder("VIGIL-ARCH-005", "predictable-random-in-security-code")
                .title("Security code uses SecureRandom, not java.util.Random")
                .cwe(330)
                .securitySeverity(7.5)
                .description("java.util.Random, Math.random, ThreadLocalRandom and SplittableRandom are predictable "
                        + "from a few outputs. Reported where their numbers reach a cookie, a session attribute or a "
                        + "response header, and anywhere in security code (packages "
                        + String.join(", ", conventions.securityPackages())
                        + "), where tokens, nonces, IDs and keys made from them can be guessed. Judged by the "
                        + "object's runtime type: a SecureRandom passed as a java.util.Random is fine.")
                .remediation("Use java.security.SecureRandom (one shared instance is fine).")
                .check((c, findings) -> {
                    boolean security = Code.inPackages(c, conventions.securityPackages());
                    for (CodeFlow.Finding f : CodeFlow.of(c).findings()) {
                        if (f.kind() == SinkKind.RANDOM_SECRET) {
                            FlowRules.report(findings, f);
                        } else if (f.kind() == SinkKind.RANDOM_USE && security) {
                            // the drawing call, as the rule named it before the data-flow engine (stable fingerprints)
                            findings.report(
                                    f.method(),
                                    f.line(),
                                    f.sink(),
                                    f.source() + " is predictable; security code needs SecureRandom",
                                    f.path());
                        }
                    }
                });
    }

    static SecurityRule seededSecureRandom() {
        return SecurityRule.builder("VIGIL-ARCH-006", "seeded-secure-random")
                .title("SecureRandom is not seeded by the application")
                .cwe(337)
                .securitySeverity(7.5)
                .description("new SecureRandom(seed) and setSeed(...) can make some providers (SHA1PRNG) "
                        + "deterministic: the same seed gives the same \"random\" keys and tokens on every run.")
                .remediation("Use new SecureRandom() or SecureRandom.getInstanceStrong() and let the provider seed "
                        + "itself.")
                .check((c, findings) -> {
                    for (JavaAccess<?> a :
                            Code.accessesTo(c, "java.security.SecureRandom", Set.of("<init>", "setSeed"))) {
                        boolean seeded = a.getName().equals("setSeed")
                                || a.getTarget() instanceof AccessTarget.CodeUnitAccessTarget t
                                        && !t.getRawParameterTypes().isEmpty();
                        if (seeded) {
                            report(findings, a, " seeds SecureRandom with application data");
                        }
                    }
                });
    }

    private static void report(Findings findings, JavaAccess<?> a, String problem) {
        String target = Code.target(a);
        findings.report(Code.member(a), a.getLineNumber(), target, target + problem);
    }

    static String first(List<String> args) {
        return args.isEmpty() ? null : args.get(0);
    }
}
