package dev.vigil.policy.rules.support;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises credentials written as literal values, tuned for precision: well-known key and token shapes (AWS,
 * GitHub, GitLab, Slack, Stripe, Google, npm, SendGrid, JWT, PEM private keys, URLs with a password) anywhere in a
 * value, or a secret-named key ({@code _PASSWORD}, {@code _TOKEN}, {@code _API_KEY}, …) whose value looks like a
 * credential. References ({@code $(VAR)}, {@code ${VAR}}, templates, secret-manager references) never count.
 */
public final class SecretLiterals {
    private static final List<Pattern> TOKENS = List.of(
            Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"),
            Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}"),
            Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{22,}"),
            Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}"),
            Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"),
            Pattern.compile("\\b[sr]k_live_[A-Za-z0-9]{20,}"),
            Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}"),
            Pattern.compile("\\bnpm_[A-Za-z0-9]{36}\\b"),
            Pattern.compile("\\bSG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}"),
            Pattern.compile("-----BEGIN ([A-Z]+ )*PRIVATE KEY-----"),
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"));
    private static final Pattern URL_WITH_PASSWORD =
            Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:([^/\\s@]+)@");
    private static final Set<String> SECRET_WORDS = Set.of(
            "PASSWORD",
            "PASSWD",
            "PWD",
            "PASS",
            "PASSPHRASE",
            "SECRET",
            "TOKEN",
            "CREDENTIAL",
            "CREDENTIALS",
            "APIKEY",
            "ACCESSKEY",
            "SECRETKEY",
            "PRIVATEKEY");
    /** Words before {@code SECRET} that make the variable name a Secret object rather than hold a secret. */
    private static final Set<String> SECRET_OBJECT_QUALIFIERS =
            Set.of("PULL", "TLS", "CERT", "CERTIFICATE", "CA", "KUBECONFIG", "DOCKERCONFIG", "REGISTRY");

    /** Endings that make a one-word compound a secret word ({@code PASS} is not one: BYPASS, COMPASS). */
    private static final List<String> SECRET_SUFFIXES = List.of("PASSWORD", "PASSWD", "SECRET", "TOKEN");

    private static final Set<String> KEY_QUALIFIERS = Set.of(
            "API",
            "ACCESS",
            "PRIVATE",
            "SECRET",
            "SIGNING",
            "ENCRYPTION",
            "MASTER",
            "LICENSE",
            "APP",
            "AUTH",
            "HMAC",
            "SESSION",
            "JWT");

    private SecretLiterals() {}

    /** Why {@code value} of {@code name} is a credential, or null when it is not one. */
    public static String why(String name, String value) {
        for (Pattern p : TOKENS) {
            if (p.matcher(value).find()) {
                return "what looks like a key or token";
            }
        }
        var url = URL_WITH_PASSWORD.matcher(value);
        if (url.find() && !isReference(url.group(1))) {
            return "a URL with a password";
        }
        if (secretName(name) && credentialLike(value)) {
            return "a secret";
        }
        return null;
    }

    /**
     * True when the variable or key name says it holds a secret: its last word (words split at {@code _ . -} and
     * camelCase humps, trailing numbers ignored) is a secret word ({@code MYSQL_ROOT_PASSWORD}, {@code API_TOKEN},
     * {@code clientSecret}, {@code DB_PASS}) or ends in one ({@code PGPASSWORD}), or {@code KEY} qualified as a secret one ({@code API_KEY},
     * {@code SECRET_KEY}, {@code APP_KEY}). The last word decides: {@code TOKEN_AUDIENCE}, {@code PASSWORD_MIN_LENGTH},
     * {@code DB_PASSWORD_FILE}, {@code TLS_KEY_PATH}, {@code WEBHOOK_SECRET_NAME} and {@code AWS_ACCESS_KEY_ID} name
     * a setting, a file or an identifier, not the secret itself; so do {@code IMAGE_PULL_SECRET} and
     * {@code TLS_SECRET}, which operators take as the name of a Secret object.
     */
    public static boolean secretName(String name) {
        List<String> parts = words(name);
        if (parts.isEmpty()) {
            return false;
        }
        String last = parts.get(parts.size() - 1);
        if (SECRET_WORDS.contains(last)) {
            if (last.equals("SECRET")
                    && parts.size() > 1
                    && SECRET_OBJECT_QUALIFIERS.contains(parts.get(parts.size() - 2))) {
                return false; // IMAGE_PULL_SECRET, TLS_SECRET: the name of a Secret object, as operators take it
            }
            // PWD alone is the shell's working directory
            return !(last.equals("PWD") && parts.size() == 1);
        }
        for (String suffix : SECRET_SUFFIXES) {
            if (last.endsWith(suffix)) {
                return true; // one-word compounds: PGPASSWORD, ADMINPASSWORD, CLIENTSECRET
            }
        }
        return last.equals("KEY") && parts.size() > 1 && KEY_QUALIFIERS.contains(parts.get(parts.size() - 2));
    }

    /** The upper-case words of a name, split at {@code _ . -} and camelCase humps, without trailing numbers. */
    static List<String> words(String name) {
        String split = CAMEL_HUMP.matcher(name).replaceAll("$1_$2");
        List<String> out = new java.util.ArrayList<>();
        for (String w : split.toUpperCase(Locale.ROOT).split("[_.\\-]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).chars().allMatch(Character::isDigit)) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    /**
     * True for a value that does not hold a secret whatever its variable's name: blank, a reference to another
     * variable or a template ({@code $(VAR)} anywhere, {@code ${VAR}}, {@code {{ … }}}, {@code <placeholder>}), a
     * secret-manager reference, a path or file URL, or a flag ({@code true}, {@code false}, {@code yes}, {@code
     * no}, {@code on}, {@code off}, {@code 0}, {@code 1}).
     */
    public static boolean notASecret(String value) {
        String s = value.strip();
        if (s.isEmpty() || s.contains("$(") || isReference(s)) {
            return true;
        }
        if (s.startsWith("/") || s.startsWith("./") || s.startsWith("../") || s.startsWith("file:")) {
            return true;
        }
        return FLAGS.contains(s.toLowerCase(Locale.ROOT));
    }

    private static final Set<String> FLAGS = Set.of("true", "false", "yes", "no", "on", "off", "0", "1");

    public static boolean credentialLike(String v) {
        String s = v.strip();
        if (s.length() < 8 || s.chars().anyMatch(Character::isWhitespace) || isReference(s)) {
            return false;
        }
        if (s.startsWith("/") || s.startsWith("./") || s.contains("://")) {
            return false;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false") || s.matches("[0-9.]+")) {
            return false;
        }
        int classes = 0;
        classes += s.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        classes += s.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        classes += s.chars().anyMatch(Character::isDigit) ? 1 : 0;
        classes += s.chars().anyMatch(ch -> !Character.isLetterOrDigit(ch)) ? 1 : 0;
        return classes >= 2;
    }

    /** Secret-manager references resolved by injectors (Vault, AWS, GCP, Azure, vals, 1Password, …). */
    private static final List<String> REFERENCE_PREFIXES =
            List.of("vault:", "arn:aws:", "ref+", "sm://", "op://", "gcp:", "azurekeyvault:", "akv:", "secret:");

    private static boolean isReference(String s) {
        if (s.startsWith("$(") || s.startsWith("${") || s.startsWith("{{") || s.startsWith("<")) {
            return true;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        return REFERENCE_PREFIXES.stream().anyMatch(lower::startsWith);
    }
}
