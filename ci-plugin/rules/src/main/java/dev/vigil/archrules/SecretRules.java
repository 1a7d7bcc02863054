package dev.vigil.archrules;

import com.tngtech.archunit.core.domain.JavaAccess;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Secrets: in logs, in code, and password storage (CWE-532, 798, 916). */
final class SecretRules {
    private static final Set<String> LOGGERS = Bytecode.ARGUMENT_FLOW_OWNERS;
    private static final Set<String> LOG_METHODS = Set.of(
            "trace", "debug", "info", "warn", "error", "fatal", "log", "fine", "finer", "finest", "warning", "severe",
            "config", "print", "println", "printf", "format", "tracef", "debugf", "infof", "warnf", "errorf");
    private static final Pattern SECRET_IN_TEXT =
            Pattern.compile("(?i).*(password|passwd|secret|token|api[_-]?key)\\s*[=:].*");
    /** Constant names that hold the *name* of a secret, not the secret: keys, headers, parameters. */
    private static final Pattern NAME_OF_SECRET = Pattern.compile(
            "(?i).*(_(property|prop|param|parameter|header|name|field|env|var|attribute|attr|prefix|key_name|path|"
                    + "label|claim|type|pattern|regex|message|msg|error|length|size|count)s?)$");

    /** An HTTP header name such as X-Vault-Token or Proxy-Authorization (Spring Cloud Config's VAULT_TOKEN). */
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*(-[A-Z][A-Za-z0-9]*)+");

    /** {@code SECRET = "secret"}, {@code API_TOKEN = "api.token"}: the constant holds its own name, a key. */
    static boolean namesItself(String name, String value) {
        String normalized = value.replace('-', '_').replace('.', '_');
        return normalized.equalsIgnoreCase(name);
    }

    private static final Pattern PLACEHOLDER_OR_KEY = Pattern.compile("(\\$\\{.*}|[a-z0-9]+([._-][a-z0-9]+)+|\\*+|)");
    private static final List<String> WEAK_ENCODERS = List.of(
            "org.springframework.security.crypto.password.NoOpPasswordEncoder",
            "org.springframework.security.crypto.password.StandardPasswordEncoder",
            "org.springframework.security.crypto.password.MessageDigestPasswordEncoder",
            "org.springframework.security.crypto.password.Md4PasswordEncoder",
            "org.springframework.security.crypto.password.LdapShaPasswordEncoder",
            "org.springframework.security.authentication.encoding.");

    private SecretRules() {}

    static SecurityRule secretLogged() {
        return SecurityRule.builder("VIGIL-ARCH-023", "secret-logged")
                .title("Passwords, tokens and secrets are not logged")
                .cwe(532)
                .securitySeverity(5.5)
                .heuristic()
                .description("A logging call (SLF4J, JUL, Log4j, commons-logging, System.out) whose arguments carry "
                        + "a variable, field or getter named like a password, token, secret or API key (followed "
                        + "through locals, string building, varargs arrays and lambda captures), or whose text says "
                        + "password=/token=, writes the secret to log storage that many more people and systems can "
                        + "read. Heuristic: judged by names.")
                .remediation("Log an identifier or a fingerprint instead (e.g. the token's key id or the last four "
                        + "characters), never the value.")
                .check((c, findings) -> {
                    for (Bytecode.Call call : Code.calls(c, LOGGERS, LOG_METHODS)) {
                        String secret = null;
                        // the values that reach the call's arguments; the names on its line when the method could
                        // not be analysed
                        boolean flow = call.argNames() != null;
                        for (String name : flow ? call.argNames() : call.lineNames()) {
                            if (Code.SECRET_NAME.matcher(name).matches() && !name.startsWith("lambda$")) {
                                secret = name;
                                break;
                            }
                        }
                        if (secret == null) {
                            for (String s : flow ? call.argStrings() : call.lineStrings()) {
                                if (SECRET_IN_TEXT.matcher(s).matches()) {
                                    secret = "\"" + s + "\"";
                                    break;
                                }
                            }
                        }
                        if (secret != null) {
                            String what = Code.simple(call.owner()) + "." + call.name() + " with " + secret;
                            findings.report(
                                    call.method(),
                                    call.line(),
                                    what,
                                    "Logging call may write a secret (" + secret + ")");
                        }
                    }
                });
    }

    static SecurityRule hardCodedSecret() {
        return SecurityRule.builder("VIGIL-ARCH-024", "hard-coded-secret")
                .title("No secrets in string constants")
                .cwe(798)
                .securitySeverity(7.5)
                .heuristic()
                .description("A static final String named like a password, secret, token or API key with a literal "
                        + "value is a credential in the source code: in every clone, build log and artefact, "
                        + "and impossible to rotate without a release. Heuristic: judged by names; constants "
                        + "holding property keys, header names or ${placeholders} are skipped.")
                .remediation("Read the secret at run time from the environment, a mounted file or a secret "
                        + "manager; keep only its name in code.")
                .check((c, findings) -> {
                    for (Map.Entry<String, Object> e : Bytecode.of(c).constants.entrySet()) {
                        String name = e.getKey();
                        if (e.getValue() instanceof String value
                                && Code.SECRET_NAME.matcher(name).matches()
                                && !NAME_OF_SECRET.matcher(name).matches()
                                && !PLACEHOLDER_OR_KEY.matcher(value).matches()
                                && !HEADER_NAME.matcher(value).matches()
                                && !namesItself(name, value)) {
                            findings.report(
                                    name,
                                    0,
                                    "constant " + name,
                                    "Constant " + Code.simple(c.getName()) + "." + name
                                            + " holds what looks like a secret");
                        }
                    }
                });
    }

    static SecurityRule weakPasswordEncoder() {
        return SecurityRule.builder("VIGIL-ARCH-025", "weak-password-encoder")
                .title("Passwords are stored with a slow, salted hash")
                .cwe(916)
                .securitySeverity(7.5)
                .description("Spring Security's NoOpPasswordEncoder, StandardPasswordEncoder, "
                        + "MessageDigestPasswordEncoder, Md4PasswordEncoder and LdapShaPasswordEncoder store "
                        + "passwords in plain text or with one fast hash: a leaked table is cracked in hours.")
                .remediation("Use PasswordEncoderFactories.createDelegatingPasswordEncoder() (bcrypt) or "
                        + "Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().")
                .check((c, findings) -> {
                    for (JavaAccess<?> a : Code.accessesToPackages(c, WEAK_ENCODERS)) {
                        String target = Code.target(a);
                        findings.report(
                                Code.member(a), a.getLineNumber(), target, target + " stores passwords insecurely");
                    }
                });
    }
}
