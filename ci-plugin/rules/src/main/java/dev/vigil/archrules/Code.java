package dev.vigil.archrules;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.PackageMatchers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Small queries over a class that several rules share. */
final class Code {
    /** Names that hold secrets: password, secret, token, api key, credentials, private key. */
    static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(passw(or)?d|passwd|pwd|secret|token|api_?key|apikey|credential|private_?key).*");

    private Code() {}

    static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }

    /** Compiled package matchers, one per pattern list (compiling them per class cost more than the check). */
    private static final Map<List<String>, PackageMatchers> MATCHERS = new ConcurrentHashMap<>();

    /** Accesses of each class, computed once (every rule asks; ArchUnit builds a new set per call). */
    private static final Map<JavaClass, List<JavaAccess<?>>> ACCESSES =
            Collections.synchronizedMap(new WeakHashMap<>());

    static boolean inPackages(JavaClass c, Collection<String> patterns) {
        if (patterns.isEmpty()) {
            return false;
        }
        return MATCHERS.computeIfAbsent(List.copyOf(patterns), PackageMatchers::of)
                .test(c.getPackageName());
    }

    private static List<JavaAccess<?>> accesses(JavaClass c) {
        List<JavaAccess<?>> cached = ACCESSES.get(c);
        if (cached == null) {
            List<JavaAccess<?>> sorted = new ArrayList<>(c.getAccessesFromSelf());
            sorted.sort((a, b) -> Integer.compare(a.getLineNumber(), b.getLineNumber()));
            cached = List.copyOf(sorted);
            ACCESSES.put(c, cached);
        }
        return cached;
    }

    /** True for the class itself or a subtype of it (resolved through the imported classpath). */
    static boolean isA(JavaClass c, String typeName) {
        return c.getName().equals(typeName) || c.isAssignableTo(typeName);
    }

    /** Accesses (calls, constructor calls, field accesses, method references) whose target owner matches. */
    static List<JavaAccess<?>> accessesTo(JavaClass c, Predicate<JavaClass> owner) {
        List<JavaAccess<?>> out = new ArrayList<>();
        for (JavaAccess<?> access : accesses(c)) {
            if (owner.test(access.getTargetOwner())) {
                out.add(access);
            }
        }
        return out;
    }

    /** Accesses to members named {@code names} (any when empty) of {@code type} or its subtypes. */
    static List<JavaAccess<?>> accessesTo(JavaClass c, String type, Set<String> names) {
        List<JavaAccess<?>> out = new ArrayList<>();
        for (JavaAccess<?> access : accessesTo(c, owner -> isA(owner, type))) {
            if (names.isEmpty() || names.contains(access.getName())) {
                out.add(access);
            }
        }
        return out;
    }

    /** Accesses to any type whose name starts with one of {@code prefixes}. */
    static List<JavaAccess<?>> accessesToPackages(JavaClass c, List<String> prefixes) {
        return accessesTo(c, owner -> {
            String n = owner.getName();
            for (String p : prefixes) {
                if (n.startsWith(p)) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Bytecode calls to {@code owner.name} for any of {@code owners} and {@code names}. */
    static List<Bytecode.Call> calls(JavaClass c, Set<String> owners, Set<String> names) {
        List<Bytecode.Call> out = new ArrayList<>();
        for (Bytecode.Call call : Bytecode.of(c).calls) {
            if (owners.contains(call.owner()) && names.contains(call.name())) {
                out.add(call);
            }
        }
        return out;
    }

    /** {@code Owner.name} of an access target, for messages. */
    static String target(JavaAccess<?> access) {
        String name = access.getName();
        String owner = simple(access.getTargetOwner().getName());
        return name.equals("<init>") ? "new " + owner + "(..)" : owner + "." + name;
    }

    static String member(JavaAccess<?> access) {
        return access.getOrigin().getName();
    }

    static boolean anyClassAnnotated(JavaClass c, Set<String> annotations) {
        for (String a : annotations) {
            if (c.isAnnotatedWith(a)) {
                return true;
            }
        }
        return false;
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }
}
