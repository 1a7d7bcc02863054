package dev.vigil.archrules;

import java.util.List;

/**
 * Vigil's security rule pack: every rule is an ArchUnit {@code ArchRule} with an id ({@code VIGIL-ARCH-NNN}), a
 * CWE, a security severity, a precision and help text. Use the constants in a plain JUnit test:
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "com.example")
 * class SecurityArchitectureTest {
 *     @ArchTest static final ArchRule weakHash = SecurityRules.WEAK_HASH_ALGORITHM;
 *     @ArchTest static final ArchRules all = ArchRules.in(SecurityRulesSuite.class); // or every rule in a loop
 * }
 * }</pre>
 *
 * <p>or all of them at once with {@link #all()} (the Maven plugin's {@code vigil:arch} does that). Rules that
 * confine an API to a layer take their packages from {@link Conventions}; {@link #all(Conventions)} builds the
 * pack for another layout. Findings can be suppressed with {@link Suppress}.
 */
public final class SecurityRules {
    public static final SecurityRule CRYPTO_OUTSIDE_ALLOWED_PACKAGES = CryptoRules.cryptoConfined(Conventions.DEFAULT);
    public static final SecurityRule WEAK_HASH_ALGORITHM = CryptoRules.weakHash();
    public static final SecurityRule WEAK_CIPHER = CryptoRules.weakCipher();
    public static final SecurityRule WEAK_TLS_PROTOCOL = CryptoRules.weakTlsProtocol();
    public static final SecurityRule PREDICTABLE_RANDOM_IN_SECURITY_CODE =
            CryptoRules.predictableRandom(Conventions.DEFAULT);
    public static final SecurityRule SEEDED_SECURE_RANDOM = CryptoRules.seededSecureRandom();
    public static final SecurityRule TRUST_ALL_TRUST_MANAGER = TransportRules.trustAllTrustManager();
    public static final SecurityRule TRUST_ALL_HOSTNAME_VERIFIER = TransportRules.trustAllHostnameVerifier();
    public static final SecurityRule JAVA_NATIVE_DESERIALIZATION = InjectionRules.nativeDeserialization();
    public static final SecurityRule JACKSON_UNSAFE_DEFAULT_TYPING = InjectionRules.jacksonDefaultTyping();
    public static final SecurityRule JACKSON_CLASS_TYPE_INFO = InjectionRules.jacksonClassTypeInfo();
    public static final SecurityRule PROCESS_EXECUTION_OUTSIDE_ADAPTER =
            InjectionRules.processExecution(Conventions.DEFAULT);
    public static final SecurityRule SQL_OUTSIDE_PERSISTENCE =
            InjectionRules.sqlOutsidePersistence(Conventions.DEFAULT);
    public static final SecurityRule SQL_STRING_CONCATENATION = InjectionRules.sqlConcatenation();
    public static final SecurityRule XML_PARSER_NOT_HARDENED = InjectionRules.xmlParser();
    public static final SecurityRule HANDLER_WITHOUT_AUTHORIZATION = WebRules.handlerWithoutAuthorization();
    public static final SecurityRule CSRF_DISABLED = WebRules.csrfDisabled();
    public static final SecurityRule WILDCARD_CORS = WebRules.wildcardCors();
    public static final SecurityRule COOKIE_WITHOUT_HTTPONLY = WebRules.cookieHttpOnly();
    public static final SecurityRule COOKIE_WITHOUT_SECURE = WebRules.cookieSecure();
    public static final SecurityRule REFLECTION_IN_WEB_LAYER = WebRules.reflectionInWebLayer(Conventions.DEFAULT);
    public static final SecurityRule EXPRESSION_LANGUAGE_IN_WEB_LAYER =
            WebRules.expressionLanguageInWebLayer(Conventions.DEFAULT);
    public static final SecurityRule SECRET_LOGGED = SecretRules.secretLogged();
    public static final SecurityRule HARD_CODED_SECRET = SecretRules.hardCodedSecret();
    public static final SecurityRule WEAK_PASSWORD_ENCODER = SecretRules.weakPasswordEncoder();
    public static final SecurityRule COMMAND_INJECTION = FlowRules.commandInjection();
    public static final SecurityRule SQL_INJECTION = FlowRules.sqlInjection();
    public static final SecurityRule LDAP_INJECTION = FlowRules.ldapInjection();
    public static final SecurityRule PATH_TRAVERSAL = FlowRules.pathTraversal();
    public static final SecurityRule XPATH_INJECTION = FlowRules.xpathInjection();
    public static final SecurityRule CROSS_SITE_SCRIPTING = FlowRules.crossSiteScripting();
    public static final SecurityRule TRUST_BOUNDARY_VIOLATION = FlowRules.trustBoundary();

    private static final List<SecurityRule> ALL = List.of(
            CRYPTO_OUTSIDE_ALLOWED_PACKAGES,
            WEAK_HASH_ALGORITHM,
            WEAK_CIPHER,
            WEAK_TLS_PROTOCOL,
            PREDICTABLE_RANDOM_IN_SECURITY_CODE,
            SEEDED_SECURE_RANDOM,
            TRUST_ALL_TRUST_MANAGER,
            TRUST_ALL_HOSTNAME_VERIFIER,
            JAVA_NATIVE_DESERIALIZATION,
            JACKSON_UNSAFE_DEFAULT_TYPING,
            JACKSON_CLASS_TYPE_INFO,
            PROCESS_EXECUTION_OUTSIDE_ADAPTER,
            SQL_OUTSIDE_PERSISTENCE,
            SQL_STRING_CONCATENATION,
            XML_PARSER_NOT_HARDENED,
            HANDLER_WITHOUT_AUTHORIZATION,
            CSRF_DISABLED,
            WILDCARD_CORS,
            COOKIE_WITHOUT_HTTPONLY,
            COOKIE_WITHOUT_SECURE,
            REFLECTION_IN_WEB_LAYER,
            EXPRESSION_LANGUAGE_IN_WEB_LAYER,
            SECRET_LOGGED,
            HARD_CODED_SECRET,
            WEAK_PASSWORD_ENCODER,
            COMMAND_INJECTION,
            SQL_INJECTION,
            LDAP_INJECTION,
            PATH_TRAVERSAL,
            XPATH_INJECTION,
            CROSS_SITE_SCRIPTING,
            TRUST_BOUNDARY_VIOLATION);

    private SecurityRules() {}

    /**
     * The rules {@code vigil:arch} runs unless configured otherwise: every rule but the opt-in architecture-policy
     * ones ({@link SecurityRule#enabledByDefault()}).
     */
    public static List<SecurityRule> defaults() {
        return ALL.stream().filter(SecurityRule::enabledByDefault).toList();
    }

    /** Every rule with the default {@link Conventions}, in id order. */
    public static List<SecurityRule> all() {
        return ALL;
    }

    /** Every rule, the layer-confinement ones with {@code conventions}, in id order. */
    public static List<SecurityRule> all(Conventions conventions) {
        if (conventions.equals(Conventions.DEFAULT)) {
            return ALL;
        }
        return ALL.stream()
                .map(r -> switch (r.id()) {
                    case "VIGIL-ARCH-001" -> CryptoRules.cryptoConfined(conventions);
                    case "VIGIL-ARCH-005" -> CryptoRules.predictableRandom(conventions);
                    case "VIGIL-ARCH-012" -> InjectionRules.processExecution(conventions);
                    case "VIGIL-ARCH-013" -> InjectionRules.sqlOutsidePersistence(conventions);
                    case "VIGIL-ARCH-021" -> WebRules.reflectionInWebLayer(conventions);
                    case "VIGIL-ARCH-022" -> WebRules.expressionLanguageInWebLayer(conventions);
                    default -> r;
                })
                .toList();
    }

    /** The rule with {@code id}, e.g. {@code VIGIL-ARCH-002}. */
    public static java.util.Optional<SecurityRule> byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
