package dev.vigil.archrules;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.domain.properties.CanBeAnnotated;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * VIGIL-ARCH-016: a request handler without method-level authorisation is reported only where the analysed code
 * itself shows that authorisation is done at method level and this handler is the odd one out, the way a reviewer
 * would read it:
 *
 * <ul>
 *   <li><b>In its class</b>: other handlers of the same class carry an authorisation annotation (at least half of
 *       them; when the code base also configures URL-based security, a majority and at least two, since the URL
 *       rules may govern the unannotated ones and the annotations only add a role to some);
 *   <li><b>In its package tree</b> (the class's parent package and everything below it): the class has no
 *       authorisation at all while at least two other handler classes there exist and at least three quarters of
 *       them decide every handler (on the class or on each method).
 * </ul>
 *
 * <p>No other evidence is a finding: a library (no security configuration, no method security) leaves the decision
 * to the deploying application, and URL rules in a {@code SecurityFilterChain} cannot be matched to handlers
 * reliably. Handlers marked {@code @PermitAll}, or whose path a URL rule in the analysed code permits to all
 * ({@code requestMatchers("/public/**").permitAll()}), are decided.
 */
final class HandlerAuthorization {
    static final Set<String> HANDLERS = Set.of(
            "org.springframework.web.bind.annotation.RequestMapping",
            "org.springframework.web.bind.annotation.GetMapping",
            "org.springframework.web.bind.annotation.PostMapping",
            "org.springframework.web.bind.annotation.PutMapping",
            "org.springframework.web.bind.annotation.DeleteMapping",
            "org.springframework.web.bind.annotation.PatchMapping",
            "jakarta.ws.rs.GET",
            "jakarta.ws.rs.POST",
            "jakarta.ws.rs.PUT",
            "jakarta.ws.rs.DELETE",
            "jakarta.ws.rs.PATCH",
            "jakarta.ws.rs.HEAD",
            "jakarta.ws.rs.OPTIONS",
            "javax.ws.rs.GET",
            "javax.ws.rs.POST",
            "javax.ws.rs.PUT",
            "javax.ws.rs.DELETE",
            "javax.ws.rs.PATCH",
            "javax.ws.rs.HEAD",
            "javax.ws.rs.OPTIONS");
    /** In this order: a message names the first one a handler carries. */
    static final List<String> AUTHORIZATION = List.of(
            "org.springframework.security.access.prepost.PreAuthorize",
            "org.springframework.security.access.prepost.PostAuthorize",
            "org.springframework.security.access.annotation.Secured",
            "jakarta.annotation.security.RolesAllowed",
            "jakarta.annotation.security.PermitAll",
            "jakarta.annotation.security.DenyAll",
            "javax.annotation.security.RolesAllowed",
            "javax.annotation.security.PermitAll",
            "javax.annotation.security.DenyAll");

    private static final Set<String> FILTER_CHAINS = Set.of(
            "org.springframework.security.web.SecurityFilterChain",
            "org.springframework.security.web.server.SecurityWebFilterChain");
    private static final Set<String> WEB_SECURITY_ANNOTATIONS = Set.of(
            "org.springframework.security.config.annotation.web.configuration.EnableWebSecurity",
            "org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity");
    private static final String ADAPTER =
            "org.springframework.security.config.annotation.web.configuration.WebSecurityConfigurerAdapter";
    private static final Set<String> URL_AUTHORIZATION_CALLS =
            Set.of("authorizeHttpRequests", "authorizeRequests", "authorizeExchange");
    private static final Set<String> MATCHER_CALLS =
            Set.of("requestMatchers", "antMatchers", "mvcMatchers", "pathMatchers", "securityMatcher", "regexMatchers");
    private static final List<String> MAPPING_PATH_PROPERTIES = List.of("value", "path");

    /** The facts of one class with handlers; names only, so the cache never holds a class alive. */
    private record HandlerClass(String name, String packageName, int handlers, int decided, String decision) {
        /** Every handler of the class is decided (on the class or on each method). */
        boolean authorises() {
            return decision != null || (handlers > 0 && decided == handlers);
        }
    }

    /**
     * What the whole import shows.
     *
     * @param urlSecurity where URL-based security is configured (empty when nowhere)
     * @param permitted path patterns a URL rule permits to all
     * @param classes handler classes by name, in import order
     */
    private record Context(List<String> urlSecurity, List<Pattern> permitted, Map<String, HandlerClass> classes) {}

    private static final Map<JavaPackage, Context> CONTEXTS = Collections.synchronizedMap(new WeakHashMap<>());

    private HandlerAuthorization() {}

    static void check(JavaClass c, Findings findings) {
        List<JavaMethod> handlers = handlers(c);
        if (handlers.isEmpty() || decides(c)) {
            return;
        }
        Context context = context(c);
        List<JavaMethod> annotated = new ArrayList<>();
        List<JavaMethod> open = new ArrayList<>();
        for (JavaMethod m : handlers) {
            if (decides(m)) {
                annotated.add(m);
            } else if (!permittedByUrlRule(c, m, context)) {
                open.add(m);
            }
        }
        if (open.isEmpty()) {
            return;
        }
        String type = Code.simple(c.getName());
        int n = handlers.size();
        int k = annotated.size();
        if (k > 0) {
            boolean oddOneOut = context.urlSecurity().isEmpty() ? 2 * k >= n : k >= 2 && 2 * k > n;
            if (!oddOneOut) {
                return;
            }
            String names = annotationNames(annotated);
            for (JavaMethod m : open) {
                findings.report(
                        m.getName(),
                        m.getSourceCodeLocation().getLineNumber(),
                        "handler " + m.getName() + " without authorisation",
                        k + " of " + n + " handlers in " + type + " carry " + names + "; " + type + "." + m.getName()
                                + " has none" + urlNote(context));
            }
            return;
        }
        Sibling evidence = siblings(c, context);
        if (evidence == null) {
            return;
        }
        for (JavaMethod m : open) {
            findings.report(
                    m.getName(),
                    m.getSourceCodeLocation().getLineNumber(),
                    "handler " + m.getName() + " without authorisation",
                    evidence.authorising() + " of " + evidence.others() + " other handler classes in "
                            + (evidence.tree().isEmpty() ? "the analysed code" : evidence.tree())
                            + " carry authorisation annotations on every handler (e.g. " + evidence.example()
                            + "); " + type + " has none on the class or on " + type + "." + m.getName()
                            + urlNote(context));
        }
    }

    private static String urlNote(Context context) {
        return context.urlSecurity().isEmpty()
                ? ""
                : " (URL rules are configured in " + context.urlSecurity().get(0)
                        + "; add the annotation, or @PermitAll if the URL rule is the decision)";
    }

    private record Sibling(String tree, int others, int authorising, String example) {}

    /** The class is the odd one out in its package tree, or null. */
    private static Sibling siblings(JavaClass c, Context context) {
        String pkg = c.getPackageName();
        int dot = pkg.lastIndexOf('.');
        String tree = dot < 0 ? "" : pkg.substring(0, dot);
        int others = 0;
        int authorising = 0;
        String example = null;
        for (HandlerClass h : context.classes().values()) {
            if (h.name().equals(c.getName()) || !inTree(h.packageName(), tree)) {
                continue;
            }
            others++;
            if (h.authorises()) {
                authorising++;
                if (example == null) {
                    example = Code.simple(h.name()) + ": "
                            + (h.decision() != null
                                    ? h.decision() + " on the class"
                                    : h.decided() + " of " + h.handlers() + " handlers annotated");
                }
            }
        }
        if (others >= 2 && 4 * authorising >= 3 * others) {
            return new Sibling(tree, others, authorising, example);
        }
        return null;
    }

    private static boolean inTree(String pkg, String tree) {
        return tree.isEmpty() || pkg.equals(tree) || pkg.startsWith(tree + ".");
    }

    private static Context context(JavaClass c) {
        JavaPackage root = c.getPackage();
        while (root.getParent().isPresent()) {
            root = root.getParent().get();
        }
        synchronized (CONTEXTS) {
            Context cached = CONTEXTS.get(root);
            if (cached == null) {
                cached = build(root);
                CONTEXTS.put(root, cached);
            }
            return cached;
        }
    }

    private static Context build(JavaPackage root) {
        List<String> urlSecurity = new ArrayList<>();
        List<Pattern> permitted = new ArrayList<>();
        Map<String, HandlerClass> classes = new LinkedHashMap<>();
        List<JavaClass> all = new ArrayList<>(root.getClassesInPackageTree());
        all.sort((a, b) -> a.getName().compareTo(b.getName()));
        for (JavaClass c : all) {
            List<JavaMethod> handlers = handlers(c);
            if (!handlers.isEmpty()) {
                int decided = 0;
                for (JavaMethod m : handlers) {
                    if (decides(m)) {
                        decided++;
                    }
                }
                classes.put(
                        c.getName(),
                        new HandlerClass(c.getName(), c.getPackageName(), handlers.size(), decided, decision(c)));
            }
            String where = urlSecurity(c);
            if (where != null) {
                urlSecurity.add(where);
                permitted.addAll(permitAllPatterns(c));
            }
        }
        return new Context(List.copyOf(urlSecurity), List.copyOf(permitted), classes);
    }

    /** Where {@code c} configures URL-based security, or null. */
    private static String urlSecurity(JavaClass c) {
        String type = Code.simple(c.getName());
        for (JavaMethod m : c.getMethods()) {
            if (FILTER_CHAINS.contains(m.getRawReturnType().getName())) {
                return type + "." + m.getName() + " ("
                        + Code.simple(m.getRawReturnType().getName()) + ")";
            }
        }
        for (JavaClass s = c.getRawSuperclass().orElse(null);
                s != null;
                s = s.getRawSuperclass().orElse(null)) {
            if (s.getName().equals(ADAPTER)) {
                return type + " (WebSecurityConfigurerAdapter)";
            }
        }
        for (JavaAccess<?> a : Code.accessesTo(c, owner -> owner.getName().endsWith("HttpSecurity"))) {
            if (URL_AUTHORIZATION_CALLS.contains(a.getName())) {
                return type + " (" + a.getName() + ")";
            }
        }
        for (String a : WEB_SECURITY_ANNOTATIONS) {
            if (c.isAnnotatedWith(a)) {
                return type + " (@" + Code.simple(a) + ")";
            }
        }
        return null;
    }

    /** Paths passed to a request matcher whose rule is {@code permitAll()}, as regular expressions. */
    private static List<Pattern> permitAllPatterns(JavaClass c) {
        List<Pattern> out = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        String method = null;
        for (Bytecode.Call call : Bytecode.of(c).calls) {
            if (!call.method().equals(method)) {
                pending.clear();
                method = call.method();
            }
            if (MATCHER_CALLS.contains(call.name())) {
                pending.addAll(call.args());
            } else {
                if (call.name().equals("permitAll")) {
                    for (String p : pending) {
                        if (p.startsWith("/")) {
                            out.add(antPattern(p));
                        }
                    }
                }
                pending.clear();
            }
        }
        return out;
    }

    /** An Ant-style path pattern ({@code /public/**}, {@code /api/*}, {@code /a/{id}}) as a regular expression. */
    static Pattern antPattern(String pattern) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char ch = pattern.charAt(i);
            if (pattern.startsWith("/**", i) && i + 3 == pattern.length()) {
                re.append("(/.*)?");
                i += 3;
            } else if (pattern.startsWith("**", i)) {
                re.append(".*");
                i += 2;
            } else if (ch == '*') {
                re.append("[^/]*");
                i++;
            } else if (ch == '?') {
                re.append("[^/]");
                i++;
            } else if (ch == '{') {
                int end = pattern.indexOf('}', i);
                re.append("[^/]+");
                i = end < 0 ? pattern.length() : end + 1;
            } else {
                re.append(Pattern.quote(String.valueOf(ch)));
                i++;
            }
        }
        return Pattern.compile(re.toString());
    }

    /** True when every path the handler answers is permitted to all by a URL rule of the analysed code. */
    private static boolean permittedByUrlRule(JavaClass c, JavaMethod m, Context context) {
        if (context.permitted().isEmpty()) {
            return false;
        }
        List<String> paths = paths(c, m);
        if (paths.isEmpty()) {
            return false;
        }
        for (String path : paths) {
            String concrete = path.replaceAll("\\{[^}/]*}", "x");
            if (context.permitted().stream().noneMatch(p -> p.matcher(concrete).matches())) {
                return false;
            }
        }
        return true;
    }

    /** The full paths of a handler: the class's mapping prefixes joined with the method's paths. */
    static List<String> paths(JavaClass c, JavaMethod m) {
        List<String> prefixes = mappingPaths(c);
        List<String> own = mappingPaths(m);
        List<String> out = new ArrayList<>();
        for (String prefix : prefixes.isEmpty() ? List.of("") : prefixes) {
            for (String path : own.isEmpty() ? List.of("") : own) {
                String joined = join(prefix, path);
                out.add(joined.isEmpty() ? "/" : joined);
            }
        }
        return out;
    }

    private static String join(String prefix, String path) {
        String a = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (path.isEmpty()) {
            return a;
        }
        return a + (path.startsWith("/") ? path : "/" + path);
    }

    private static List<String> mappingPaths(CanBeAnnotated element) {
        List<String> out = new ArrayList<>();
        for (JavaAnnotation<?> a : annotations(element)) {
            String type = a.getRawType().getName();
            if (type.equals("jakarta.ws.rs.Path") || type.equals("javax.ws.rs.Path")) {
                a.get("value")
                        .filter(String.class::isInstance)
                        .map(String.class::cast)
                        .ifPresent(out::add);
            } else if (type.startsWith("org.springframework.web.bind.annotation.") && type.endsWith("Mapping")) {
                for (String property : MAPPING_PATH_PROPERTIES) {
                    Object value = a.get(property).orElse(null);
                    if (value instanceof String[] values) {
                        out.addAll(List.of(values));
                    }
                }
            }
        }
        return out;
    }

    private static Set<? extends JavaAnnotation<?>> annotations(CanBeAnnotated element) {
        if (element instanceof JavaClass c) {
            return c.getAnnotations();
        }
        if (element instanceof JavaMethod m) {
            return m.getAnnotations();
        }
        return Set.of();
    }

    static List<JavaMethod> handlers(JavaClass c) {
        List<JavaMethod> out = new ArrayList<>();
        for (JavaMethod m : c.getMethods()) {
            for (String a : HANDLERS) {
                if (m.isAnnotatedWith(a)) {
                    out.add(m);
                    break;
                }
            }
        }
        out.sort((a, b) -> Integer.compare(
                a.getSourceCodeLocation().getLineNumber(),
                b.getSourceCodeLocation().getLineNumber()));
        return out;
    }

    static boolean decides(CanBeAnnotated element) {
        return decision(element) != null;
    }

    /** {@code @PreAuthorize} etc. on the element (or meta-annotated), or null. */
    private static String decision(CanBeAnnotated element) {
        for (String a : AUTHORIZATION) {
            if (element.isAnnotatedWith(a) || element.isMetaAnnotatedWith(a)) {
                return "@" + Code.simple(a);
            }
        }
        return null;
    }

    private static String annotationNames(List<JavaMethod> annotated) {
        Set<String> names = new TreeSet<>();
        for (JavaMethod m : annotated) {
            names.add(decision(m));
        }
        return String.join("/", names);
    }
}
