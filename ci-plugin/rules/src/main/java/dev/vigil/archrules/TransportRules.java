package dev.vigil.archrules;

import com.tngtech.archunit.core.domain.JavaAccess;
import java.util.List;
import org.objectweb.asm.Opcodes;

/** TLS certificate and host name checks that must not be switched off (CWE-295). */
final class TransportRules {
    private static final String SERVER_TRUSTED_PREFIX = "([Ljava/security/cert/X509Certificate;Ljava/lang/String;";
    private static final String VERIFY_DESCRIPTOR = "(Ljava/lang/String;Ljavax/net/ssl/SSLSession;)Z";
    private static final List<String> TRUST_ALL_TYPES = List.of(
            "io.netty.handler.ssl.util.InsecureTrustManagerFactory",
            "org.apache.http.conn.ssl.TrustAllStrategy",
            "org.apache.http.conn.ssl.TrustSelfSignedStrategy",
            "org.apache.hc.client5.http.ssl.TrustAllStrategy");
    private static final List<String> ALLOW_ALL_VERIFIERS = List.of(
            "org.apache.http.conn.ssl.NoopHostnameVerifier",
            "org.apache.http.conn.ssl.AllowAllHostnameVerifier",
            "org.apache.hc.client5.http.conn.ssl.NoopHostnameVerifier");

    private TransportRules() {}

    static SecurityRule trustAllTrustManager() {
        return SecurityRule.builder("VIGIL-ARCH-007", "trust-all-trust-manager")
                .title("No TrustManager that accepts every certificate")
                .cwe(295)
                .securitySeverity(9.1)
                .description("An X509TrustManager whose checkServerTrusted returns without checking anything (or "
                        + "Netty's InsecureTrustManagerFactory, Apache's TrustAllStrategy) turns TLS into "
                        + "encryption with whoever answers: any man in the middle is trusted.")
                .remediation("Delete the custom trust manager; to trust a private CA, load it into a KeyStore and "
                        + "build the TrustManagerFactory from that.")
                .check((c, findings) -> {
                    for (Bytecode.Method m : Bytecode.of(c).methods) {
                        if (m.name().equals("checkServerTrusted")
                                && m.descriptor().startsWith(SERVER_TRUSTED_PREFIX)
                                && m.opcodes().equals(List.of(Opcodes.RETURN))) {
                            findings.report(
                                    m.name(),
                                    m.line(),
                                    "empty checkServerTrusted",
                                    Code.simple(c.getName())
                                            + ".checkServerTrusted accepts every certificate (empty body)");
                        }
                    }
                    for (JavaAccess<?> a : Code.accessesToPackages(c, TRUST_ALL_TYPES)) {
                        String target = Code.target(a);
                        findings.report(
                                Code.member(a), a.getLineNumber(), target, target + " trusts every certificate");
                    }
                });
    }

    static SecurityRule trustAllHostnameVerifier() {
        return SecurityRule.builder("VIGIL-ARCH-008", "trust-all-hostname-verifier")
                .title("No HostnameVerifier that accepts every host")
                .cwe(295)
                .securitySeverity(7.4)
                .description("A HostnameVerifier that returns true (a class, an anonymous class or a lambda), or "
                        + "Apache's NoopHostnameVerifier, accepts a valid certificate for any other host name: an "
                        + "attacker with a certificate for their own domain can intercept the connection.")
                .remediation("Remove the custom verifier; the JDK's default checks the host name. For a host with "
                        + "an unusual name, add it to the certificate's subjectAltName.")
                .check((c, findings) -> {
                    for (Bytecode.Method m : Bytecode.of(c).methods) {
                        if (m.descriptor().equals(VERIFY_DESCRIPTOR)
                                && m.opcodes().equals(List.of(Opcodes.ICONST_1, Opcodes.IRETURN))) {
                            findings.report(
                                    m.name(),
                                    m.line(),
                                    "hostname verifier returns true",
                                    "HostnameVerifier in " + Code.simple(c.getName()) + " accepts every host name");
                        }
                    }
                    for (JavaAccess<?> a : Code.accessesToPackages(c, ALLOW_ALL_VERIFIERS)) {
                        String target = Code.target(a);
                        findings.report(Code.member(a), a.getLineNumber(), target, target + " accepts every host name");
                    }
                    for (JavaAccess<?> a : Code.accessesTo(c, owner -> true)) {
                        if (a.getName().equals("ALLOW_ALL_HOSTNAME_VERIFIER")) {
                            String target = Code.target(a);
                            findings.report(
                                    Code.member(a), a.getLineNumber(), target, target + " accepts every host name");
                        }
                    }
                });
    }
}
