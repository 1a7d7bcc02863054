package dev.vigil.archrules.flow;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The application's classes as the engine sees them: class files found under the roots they were imported from,
 * read once into ASM trees; method results (findings, events, summaries) memoised; calls into the application
 * followed up to {@link #MAX_DEPTH} levels deep (deeper or recursive calls fall back to plain propagation).
 */
final class Program {
    static final int MAX_DEPTH = 6;
    /** Per method, how many different sets of constant arguments are analysed separately. */
    static final int MAX_SEEDED = 16;

    record Resolved(ClassNode owner, MethodNode method) {}

    private final Set<String> roots = new LinkedHashSet<>();
    private final Map<String, Optional<ClassNode>> classes = new HashMap<>();
    private final Map<MethodNode, MethodAnalysis.Result> results = new HashMap<>();
    private final Set<MethodNode> active = new HashSet<>();
    private final Map<String, Map<String, String>> fieldGuesses = new HashMap<>();

    /** Adds the root a class file at {@code uri} lies under ({@code uri} minus {@code internalName.class}). */
    void addRoot(URI uri, String internalName) {
        String u = uri.toString();
        String suffix = internalName + ".class";
        if (u.endsWith(suffix)) {
            roots.add(u.substring(0, u.length() - suffix.length()));
        }
    }

    ClassNode classNode(String internalName) {
        Optional<ClassNode> cached = classes.get(internalName);
        if (cached != null) {
            return cached.orElse(null);
        }
        ClassNode node = null;
        for (String root : roots) {
            try (InputStream in =
                    URI.create(root + internalName + ".class").toURL().openStream()) {
                node = new ClassNode();
                new ClassReader(in.readAllBytes()).accept(node, ClassReader.SKIP_FRAMES);
                break;
            } catch (IOException | IllegalArgumentException e) {
                node = null;
            }
        }
        classes.put(internalName, Optional.ofNullable(node));
        return node;
    }

    private final Map<String, Optional<java.util.Properties>> resources = new HashMap<>();

    /**
     * The value of {@code key} in the properties file {@code resource} found under the class roots (a class-path
     * resource next to the analysed classes), or null when there is no such file or key.
     */
    String property(String resource, String key) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        Optional<java.util.Properties> props = resources.computeIfAbsent(name, n -> {
            for (String root : roots) {
                try (InputStream in = URI.create(root + n).toURL().openStream()) {
                    java.util.Properties p = new java.util.Properties();
                    p.load(in);
                    return Optional.of(p);
                } catch (IOException | IllegalArgumentException e) {
                    // not under this root
                }
            }
            return Optional.empty();
        });
        return props.map(p -> p.getProperty(key)).orElse(null);
    }

    /** Reads a class from bytes (tests, the command line). */
    ClassNode define(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, ClassReader.SKIP_FRAMES);
        classes.put(node.name, Optional.of(node));
        return node;
    }

    /** The implementation of {@code name desc} in {@code owner} or its application superclasses. */
    Resolved resolve(String owner, String name, String desc) {
        String current = owner;
        for (int i = 0; i < 12 && current != null; i++) {
            ClassNode c = classNode(current);
            if (c == null) {
                return null;
            }
            for (MethodNode mn : c.methods) {
                if (mn.name.equals(name) && mn.desc.equals(desc)) {
                    if ((mn.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                        return null;
                    }
                    return new Resolved(c, mn);
                }
            }
            if (name.equals("<init>")) {
                return null;
            }
            current = c.superName;
        }
        return null;
    }

    private final Map<MethodNode, Map<List<Object>, MethodAnalysis.Result>> seeded = new HashMap<>();

    /**
     * The analysis of a method called with constant (or assumed) arguments, on a copy of the method: branches on
     * them fold in the callee too. {@code seeds} holds, per parameter, the caller's value or null.
     */
    MethodAnalysis.Result result(Resolved r, int depth, FlowValue[] seeds) {
        List<Object> key = new ArrayList<>();
        for (FlowValue s : seeds) {
            key.add(s == null ? null : java.util.Arrays.asList(s.constant, s.guess));
        }
        Map<List<Object>, MethodAnalysis.Result> byArgs = seeded.computeIfAbsent(r.method(), k -> new HashMap<>());
        MethodAnalysis.Result cached = byArgs.get(key);
        if (cached != null) {
            return cached;
        }
        if (byArgs.size() > MAX_SEEDED) {
            // called with too many different constants to analyse each: the analysis without them stands for all
            return result(r, depth);
        }
        if (depth > MAX_DEPTH || !active.add(r.method())) {
            return null;
        }
        try {
            MethodNode copy = new MethodNode(
                    Opcodes.ASM9,
                    r.method().access,
                    r.method().name,
                    r.method().desc,
                    r.method().signature,
                    r.method().exceptions == null ? null : r.method().exceptions.toArray(String[]::new));
            r.method().accept(copy);
            MethodAnalysis.Result result = new MethodAnalysis(this, r.owner(), copy, depth, seeds).run();
            byArgs.put(key, result);
            return result;
        } finally {
            active.remove(r.method());
        }
    }

    /** The analysis of a method, null while it is being analysed (recursion) or beyond the depth bound. */
    MethodAnalysis.Result result(Resolved r, int depth) {
        MethodAnalysis.Result cached = results.get(r.method());
        if (cached != null) {
            return cached;
        }
        if (depth > MAX_DEPTH || !active.add(r.method())) {
            return null;
        }
        try {
            MethodAnalysis.Result result = new MethodAnalysis(this, r.owner(), r.method(), depth, null).run();
            results.put(r.method(), result);
            return result;
        } finally {
            active.remove(r.method());
        }
    }

    /** Findings and events of every method of {@code internalName}. */
    List<MethodAnalysis.Result> classResults(String internalName) {
        ClassNode c = classNode(internalName);
        if (c == null) {
            return List.of();
        }
        List<MethodAnalysis.Result> out = new ArrayList<>();
        for (MethodNode mn : new ArrayList<>(c.methods)) {
            MethodAnalysis.Result r = result(new Resolved(c, mn), 0);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The string a field of an application class always holds, when every assignment in its class stores the same
     * constant (or {@code Properties.getProperty} default); null otherwise.
     */
    String fieldGuess(String owner, String name) {
        Map<String, String> guesses = fieldGuesses.get(owner);
        if (guesses == null) {
            ClassNode c = classNode(owner);
            guesses = c == null ? Map.of() : guesses(c);
            fieldGuesses.put(owner, guesses);
        }
        return guesses.get(name);
    }

    private static final String CONFLICT = "\u0000";

    private static Map<String, String> guesses(ClassNode c) {
        Map<String, String> out = new HashMap<>();
        for (FieldNode f : c.fields) {
            if (f.value instanceof String s) {
                out.put(f.name, s);
            }
        }
        for (MethodNode mn : c.methods) {
            for (AbstractInsnNode n = mn.instructions.getFirst(); n != null; n = n.getNext()) {
                if ((n.getOpcode() == Opcodes.PUTSTATIC || n.getOpcode() == Opcodes.PUTFIELD)
                        && n instanceof FieldInsnNode f
                        && f.owner.equals(c.name)) {
                    String v = storedString(n.getPrevious());
                    out.merge(f.name, v == null ? CONFLICT : v, (a, b) -> a.equals(b) ? a : CONFLICT);
                    String type = allocated(n.getPrevious());
                    out.merge(NEW + f.name, type == null ? CONFLICT : type, (a, b) -> a.equals(b) ? a : CONFLICT);
                }
            }
        }
        out.values().removeIf(CONFLICT::equals);
        return out;
    }

    static final String NEW = "new:";

    /** The exact type of the object a field always holds, when every assignment stores a {@code new X(..)}. */
    String fieldType(String owner, String name) {
        return fieldGuess(owner, NEW + name);
    }

    private static String allocated(AbstractInsnNode n) {
        while (n != null && n.getOpcode() < 0) {
            n = n.getPrevious();
        }
        return n instanceof MethodInsnNode call
                        && call.getOpcode() == Opcodes.INVOKESPECIAL
                        && call.name.equals("<init>")
                ? call.owner
                : null;
    }

    private static String storedString(AbstractInsnNode n) {
        while (n != null && n.getOpcode() < 0) {
            n = n.getPrevious();
        }
        if (n instanceof LdcInsnNode l && l.cst instanceof String s) {
            return s;
        }
        if (n instanceof MethodInsnNode call
                && call.owner.equals("java/util/Properties")
                && call.name.equals("getProperty")
                && call.desc.startsWith("(Ljava/lang/String;Ljava/lang/String;)")) {
            AbstractInsnNode p = call.getPrevious();
            while (p != null && p.getOpcode() < 0) {
                p = p.getPrevious();
            }
            return p instanceof LdcInsnNode l && l.cst instanceof String s ? s : null;
        }
        return null;
    }
}
