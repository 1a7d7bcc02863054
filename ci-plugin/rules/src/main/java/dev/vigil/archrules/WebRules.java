package dev.vigil.archrules;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The web layer: authorisation, CSRF, CORS, cookies, reflection and expression languages (CWE-862 and more). */
final class WebRules {
    private static final Set<String> CONTROLLERS = Set.of(
            "org.springframework.stereotype.Controller",
            "org.springframework.web.bind.annotation.RestController",
            "jakarta.ws.rs.Path",
            "javax.ws.rs.Path");
    private static final List<String> SERVLETS =
            List.of("jakarta.servlet.http.HttpServlet", "javax.servlet.http.HttpServlet");
    private static final List<String> COOKIES = List.of("jakarta.servlet.http.Cookie", "javax.servlet.http.Cookie");
    private static final String RESPONSE_COOKIE = "org.springframework.http.ResponseCookie";
    private static final String CROSS_ORIGIN = "org.springframework.web.bind.annotation.CrossOrigin";
    private static final Set<String> CORS_ORIGIN_METHODS = Set.of(
            "addAllowedOrigin",
            "addAllowedOriginPattern",
            "setAllowedOrigins",
            "setAllowedOriginPatterns",
            "allowedOrigins",
            "allowedOriginPatterns");
    private static final List<String> EXPRESSION_LANGUAGES = List.of(
            "org.springframework.expression.",
            "jakarta.el.",
            "javax.el.",
            "ognl.",
            "org.mvel2.",
            "org.apache.commons.jexl",
            "javax.script.",
            "groovy.lang.GroovyShell");

    private WebRules() {}

    static boolean isWebLayer(JavaClass c, Conventions conventions) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        if (Code.inPackages(top, conventions.webPackages()) || Code.anyClassAnnotated(top, CONTROLLERS)) {
            return true;
        }
        for (String servlet : SERVLETS) {
            if (top.isAssignableTo(servlet)) {
                return true;
            }
        }
        return false;
    }

    static SecurityRule handlerWithoutAuthorization() {
        return SecurityRule.builder("VIGIL-ARCH-016", "handler-without-authorization")
                .title("Every request handler states its authorisation decision")
                .cwe(862)
                .securitySeverity(7.5)
                .description("A Spring MVC/WebFlux or JAX-RS handler method without @PreAuthorize, @PostAuthorize, "
                        + "@Secured, @RolesAllowed, @PermitAll or @DenyAll (on the method or its class) where the "
                        + "analysed code shows that authorisation is done at method level and this handler is the "
                        + "odd one out: at least half of the other handlers in its class carry such an annotation "
                        + "(a majority and at least two when URL rules are also configured), or the class has none "
                        + "while at least three quarters of the other handler classes in its package tree (at least "
                        + "two) decide every handler. New endpoints are then public by accident. Code without "
                        + "method-level authorisation (a library, or an application that authorises by URL in a "
                        + "SecurityFilterChain, SecurityWebFilterChain or WebSecurityConfigurerAdapter) has no "
                        + "findings; paths a URL rule of the analysed code permits to all are not reported.")
                .remediation("Annotate the method or its class with the decision, like its siblings, e.g. "
                        + "@PreAuthorize(\"hasRole('ADMIN')\") or @PermitAll for public endpoints.")
                // Opt-in: applications that authorise by URL in a Spring Security SecurityFilterChain (the common
                // case) have no annotations on their handlers; on spring-cloud-config-server and
                // spring-boot-admin-server all 41 findings of the earlier annotation-only check were false for that
                // reason (the odd-one-out check reports none there).
                .policy()
                .check(HandlerAuthorization::check);
    }

    static SecurityRule csrfDisabled() {
        return SecurityRule.builder("VIGIL-ARCH-017", "csrf-disabled")
                .title("CSRF protection is not disabled")
                .cwe(352)
                .securitySeverity(8.8)
                .description("http.csrf(AbstractHttpConfigurer::disable), csrf().disable() and "
                        + "CsrfSpec.disable() switch off Spring Security's cross-site request forgery protection: "
                        + "any web page a signed-in user visits can make state-changing requests in their name.")
                .remediation("Keep CSRF protection on for browser sessions; for a token-only API, suppress this "
                        + "rule with the reason (no cookies are used for authentication).")
                .check((c, findings) -> {
                    for (JavaAccess<?> a : Code.accessesTo(
                            c,
                            owner -> owner.getName()
                                            .equals(
                                                    "org.springframework.security.config.annotation.web.configurers.CsrfConfigurer")
                                    || owner.getName()
                                            .equals(
                                                    "org.springframework.security.config.web.server.ServerHttpSecurity$CsrfSpec"))) {
                        if (a.getName().equals("disable")) {
                            findings.report(
                                    Code.member(a), a.getLineNumber(), "csrf disable", "CSRF protection is disabled");
                        }
                    }
                    for (Bytecode.Call call : Bytecode.of(c).calls) {
                        if (call.name().equals("csrf")
                                && call.owner().endsWith("HttpSecurity")
                                && call.refs().stream().anyMatch(r -> r.endsWith(".disable"))) {
                            findings.report(
                                    call.method(),
                                    call.line(),
                                    "csrf(::disable)",
                                    "CSRF protection is disabled (csrf(AbstractHttpConfigurer::disable))");
                        }
                    }
                });
    }

    static SecurityRule wildcardCors() {
        return SecurityRule.builder("VIGIL-ARCH-018", "wildcard-cors")
                .title("CORS does not allow every origin")
                .cwe(942)
                .securitySeverity(6.5)
                .description("Access-Control-Allow-Origin: * (from @CrossOrigin without origins, "
                        + "allowedOrigins(\"*\"), addAllowedOrigin(\"*\") or a hand-written header) lets every web "
                        + "site read the responses with the browser's network position.")
                .remediation("List the allowed origins explicitly: @CrossOrigin(origins = \"https://app.example\").")
                .check((c, findings) -> {
                    checkCrossOrigin(c.tryGetAnnotationOfType(CROSS_ORIGIN), "", c, findings);
                    for (JavaMethod m : c.getMethods()) {
                        checkCrossOrigin(m.tryGetAnnotationOfType(CROSS_ORIGIN), m.getName(), c, findings);
                    }
                    for (Bytecode.Call call : Bytecode.of(c).calls) {
                        boolean wildcard =
                                call.args().contains("*") || call.lineStrings().contains("*");
                        if (wildcard && CORS_ORIGIN_METHODS.contains(call.name())) {
                            String what = Code.simple(call.owner()) + "." + call.name() + "(\"*\")";
                            findings.report(call.method(), call.line(), what, what + " allows every origin");
                        }
                        boolean header = (call.name().equals("setHeader")
                                        || call.name().equals("addHeader")
                                        || call.name().equals("header"))
                                && call.args().stream()
                                        .anyMatch(
                                                s -> s.toLowerCase(Locale.ROOT).equals("access-control-allow-origin"))
                                && call.args().contains("*");
                        if (header) {
                            findings.report(
                                    call.method(),
                                    call.line(),
                                    "Access-Control-Allow-Origin: *",
                                    "Access-Control-Allow-Origin: * allows every origin");
                        }
                    }
                });
    }

    private static void checkCrossOrigin(
            Optional<? extends JavaAnnotation<?>> annotation, String member, JavaClass c, Findings findings) {
        if (annotation.isEmpty()) {
            return;
        }
        JavaAnnotation<?> a = annotation.get();
        String[] origins = strings(a, "origins");
        String[] values = strings(a, "value");
        String[] patterns = strings(a, "originPatterns");
        boolean none = origins.length == 0 && values.length == 0 && patterns.length == 0;
        boolean star = List.of(origins).contains("*")
                || List.of(values).contains("*")
                || List.of(patterns).contains("*");
        if (none || star) {
            String where = member.isEmpty() ? Code.simple(c.getName()) : Code.simple(c.getName()) + "." + member;
            findings.report(
                    member,
                    0,
                    "@CrossOrigin allows every origin",
                    "@CrossOrigin on " + where + " allows every origin" + (none ? " (no origins given)" : ""));
        }
    }

    private static String[] strings(JavaAnnotation<?> a, String property) {
        Object value = a.get(property).orElse(null);
        return value instanceof String[] s ? s : new String[0];
    }

    static SecurityRule cookieHttpOnly() {
        return cookieRule(
                SecurityRule.builder("VIGIL-ARCH-019", "cookie-without-httponly")
                        .title("Cookies are HttpOnly")
                        .cwe(1004)
                        .securitySeverity(5.4)
                        .description("A cookie created without setHttpOnly(true) (or ResponseCookie without "
                                + ".httpOnly(true)) can be read by JavaScript: one XSS bug and the session is stolen.")
                        .remediation("Call cookie.setHttpOnly(true) (ResponseCookie: .httpOnly(true)); suppress "
                                + "with a reason for cookies that scripts must read."),
                "setHttpOnly",
                "httpOnly",
                "is never marked HttpOnly in this class");
    }

    static SecurityRule cookieSecure() {
        SecurityRule.Builder builder = SecurityRule.builder("VIGIL-ARCH-020", "cookie-without-secure")
                .title("Cookies are Secure")
                .cwe(614)
                .securitySeverity(5.4)
                .description("A cookie sent with setSecure(false), or without setSecure(true) on some path, (or a "
                        + "ResponseCookie without .secure(true)) is also sent over plain HTTP, where anyone on the "
                        + "network reads it. Servlet cookies are followed from new Cookie(..) to addCookie (or to the "
                        + "method returning them); setSecure with a value decided at run time, e.g. "
                        + "request.isSecure(), is accepted.")
                .remediation("Call cookie.setSecure(true) (ResponseCookie: .secure(true)).");
        return builder.check((c, findings) -> {
            for (dev.vigil.archrules.flow.Event e :
                    dev.vigil.archrules.flow.CodeFlow.of(c).events()) {
                if (e.type().equals("cookie")) {
                    boolean explicit = e.value().contains("F");
                    String detail = explicit ? "Cookie.setSecure(false)" : "new Cookie without setSecure";
                    String message = explicit
                            ? "Cookie is sent with setSecure(false)"
                            : "Cookie is sent without setSecure(true)"
                                    + (e.value().length() > 1 ? " on some path" : "");
                    findings.report(e.method(), e.line(), detail, message);
                }
            }
            responseCookies(c, findings, "secure", "is never marked Secure in this class");
        });
    }

    private static SecurityRule cookieRule(
            SecurityRule.Builder builder, String setter, String builderMethod, String problem) {
        return builder.check((c, findings) -> {
            for (String cookie : COOKIES) {
                List<JavaAccess<?>> created = Code.accessesTo(c, cookie, Set.of("<init>"));
                if (!created.isEmpty()
                        && Code.accessesTo(c, cookie, Set.of(setter)).isEmpty()) {
                    for (JavaAccess<?> a : created) {
                        findings.report(
                                Code.member(a), a.getLineNumber(), "new Cookie without " + setter, "Cookie " + problem);
                    }
                }
            }
            responseCookies(c, findings, builderMethod, problem);
        });
    }

    private static void responseCookies(JavaClass c, Findings findings, String builderMethod, String problem) {
        {
            List<JavaAccess<?>> built = Code.accessesTo(c, RESPONSE_COOKIE, Set.of("from"));
            boolean configured =
                    !Code.accessesTo(c, owner -> owner.getName().startsWith(RESPONSE_COOKIE + "$")).stream()
                            .filter(a -> a.getName().equals(builderMethod))
                            .toList()
                            .isEmpty();
            if (!configured) {
                for (JavaAccess<?> a : built) {
                    findings.report(
                            Code.member(a),
                            a.getLineNumber(),
                            "ResponseCookie without " + builderMethod,
                            "ResponseCookie " + problem);
                }
            }
        }
    }

    static SecurityRule reflectionInWebLayer(Conventions conventions) {
        return SecurityRule.builder("VIGIL-ARCH-021", "reflection-in-web-layer")
                .title("The web layer does not load classes or invoke methods by name")
                .cwe(470)
                .securitySeverity(8.1)
                .description("Class.forName, ClassLoader.loadClass, Method.invoke and Constructor.newInstance in "
                        + "controllers, resources and servlets make it one request parameter away to instantiate or "
                        + "call something the author never meant to expose.")
                .remediation("Map request values to an explicit allow-list (a switch or a Map of handlers) instead "
                        + "of resolving them by name.")
                .check((c, findings) -> {
                    if (!isWebLayer(c, conventions)) {
                        return;
                    }
                    List<JavaAccess<?>> found = Code.accessesTo(c, owner -> {
                        String n = owner.getName();
                        return n.equals("java.lang.Class")
                                || n.equals("java.lang.ClassLoader")
                                || n.equals("java.lang.reflect.Method")
                                || n.equals("java.lang.reflect.Constructor");
                    });
                    for (JavaAccess<?> a : found) {
                        String name = a.getName();
                        if (name.equals("forName")
                                || name.equals("loadClass")
                                || name.equals("invoke")
                                || name.equals("newInstance")) {
                            String target = Code.target(a);
                            findings.report(
                                    Code.member(a),
                                    a.getLineNumber(),
                                    target,
                                    target + " in the web layer resolves code by name");
                        }
                    }
                });
    }

    static SecurityRule expressionLanguageInWebLayer(Conventions conventions) {
        return SecurityRule.builder("VIGIL-ARCH-022", "expression-language-in-web-layer")
                .title("The web layer does not evaluate expression languages")
                .cwe(917)
                .securitySeverity(9.8)
                .description("SpEL, Jakarta EL, OGNL, MVEL, JEXL and javax.script in controllers, resources and "
                        + "servlets are one string concatenation away from expression injection, which is remote "
                        + "code execution.")
                .remediation("Evaluate only constant expressions in configuration code; for user-defined "
                        + "filters, parse a small grammar of your own or use SimpleEvaluationContext.")
                .check((c, findings) -> {
                    if (!isWebLayer(c, conventions)) {
                        return;
                    }
                    for (JavaAccess<?> a : Code.accessesToPackages(c, EXPRESSION_LANGUAGES)) {
                        String target = Code.target(a);
                        findings.report(
                                Code.member(a),
                                a.getLineNumber(),
                                target,
                                target + " evaluates an expression language in the web layer");
                    }
                });
    }
}
