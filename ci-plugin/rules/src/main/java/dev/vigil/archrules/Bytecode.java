package dev.vigil.archrules;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.Source;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What ArchUnit cannot see in a class file, read once per class with ASM: the string constants passed to each call
 * ({@code MessageDigest.getInstance("MD5")}), method references passed along, string concatenation feeding a call,
 * the names of values used on a line, constant field values and trivial method bodies.
 */
final class Bytecode {
    /**
     * One method invocation.
     *
     * @param method the calling method's name
     * @param line source line, 0 when unknown
     * @param owner the called method's owner, dotted ({@code java.security.MessageDigest})
     * @param name the called method's name ({@code <init>} for constructors)
     * @param args string constants pushed since the previous call, in order (the call's literal arguments)
     * @param lineStrings string constants pushed on the same line before this call
     * @param refs method references ({@code owner.name}) created since the previous call
     * @param concatenatedArg true when the value passed last was built by string concatenation just before
     * @param lineNames names of locals, fields and methods used on the same line before this call
     * @param argNames for a call to a logger ({@link #ARGUMENT_FLOW_OWNERS}), the names of the locals, fields and
     *     methods whose values reach its arguments ({@link ArgumentSources}); null for other calls, or when the method
     *     could not be analysed
     * @param argStrings for such a call, the string constants reaching its arguments; null like {@code argNames}
     */
    record Call(
            String method,
            int line,
            String owner,
            String name,
            List<String> args,
            List<String> lineStrings,
            List<String> refs,
            boolean concatenatedArg,
            Set<String> lineNames,
            Set<String> argNames,
            List<String> argStrings) {}

    /** Owners of the calls whose argument sources are worked out: loggers and print streams. */
    static final Set<String> ARGUMENT_FLOW_OWNERS = Set.of(
            "org.slf4j.Logger",
            "java.util.logging.Logger",
            "java.lang.System$Logger",
            "org.apache.logging.log4j.Logger",
            "org.apache.commons.logging.Log",
            "org.jboss.logging.Logger",
            "java.io.PrintStream");

    /**
     * One method's shape.
     *
     * @param name method name
     * @param descriptor JVM descriptor
     * @param line first line, 0 when unknown
     * @param opcodes the first instructions' opcodes (at most 8), labels and line numbers left out
     */
    record Method(String name, String descriptor, int line, List<Integer> opcodes) {}

    private static final Map<JavaClass, Bytecode> CACHE = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Bytecode EMPTY = new Bytecode(List.of(), List.of(), Map.of());

    final List<Call> calls;
    final List<Method> methods;
    /** Values of {@code static final} constant fields, by field name. */
    final Map<String, Object> constants;

    private Bytecode(List<Call> calls, List<Method> methods, Map<String, Object> constants) {
        this.calls = calls;
        this.methods = methods;
        this.constants = constants;
    }

    /** The facts of {@code javaClass}, read from its class file once; empty when the class file is not there. */
    static Bytecode of(JavaClass javaClass) {
        Bytecode cached = CACHE.get(javaClass);
        if (cached != null) {
            return cached;
        }
        Optional<Source> source = javaClass.getSource();
        Bytecode facts = source.isPresent() ? read(source.get().getUri()) : EMPTY;
        CACHE.put(javaClass, facts);
        return facts;
    }

    static Bytecode read(URI uri) {
        byte[] bytes;
        try {
            if ("file".equals(uri.getScheme())) {
                bytes = Files.readAllBytes(Path.of(uri));
            } else {
                try (InputStream in = uri.toURL().openStream()) {
                    bytes = in.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class file " + uri, e);
        }
        return parse(bytes);
    }

    static Bytecode parse(byte[] classFile) {
        Collector collector = new Collector();
        new ClassReader(classFile).accept(collector, ClassReader.SKIP_FRAMES);
        return new Bytecode(
                List.copyOf(collector.calls), List.copyOf(collector.methods), Map.copyOf(collector.constants));
    }

    private static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }

    private static final class Collector extends ClassVisitor {
        String className = "";
        final List<Call> calls = new ArrayList<>();
        final List<Method> methods = new ArrayList<>();
        final Map<String, Object> constants = new HashMap<>();

        Collector() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(
                int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name;
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            if (value != null && (access & Opcodes.ACC_STATIC) != 0 && (access & Opcodes.ACC_FINAL) != 0) {
                constants.put(name, value);
            }
            return null;
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            Collector collector = this;
            return new MethodNode(Opcodes.ASM9, access, name, descriptor, signature, exceptions) {
                @Override
                public void visitEnd() {
                    List<MethodInsnNode> invocations = new ArrayList<>();
                    boolean flow = false;
                    for (AbstractInsnNode insn : instructions) {
                        if (insn instanceof MethodInsnNode m) {
                            invocations.add(m);
                            flow |= ARGUMENT_FLOW_OWNERS.contains(dotted(m.owner));
                        }
                    }
                    ArgumentSources sources = flow ? ArgumentSources.of(collector.className, this) : null;
                    accept(new MethodCollector(name, descriptor, collector, invocations, sources));
                }
            };
        }
    }

    /** Collects one method's calls; local variable names arrive last and are resolved in visitEnd. */
    private static final class MethodCollector extends MethodVisitor {
        private final String name;
        private final String descriptor;
        private final Collector owner;
        private final List<Integer> opcodes = new ArrayList<>();
        private final List<PendingCall> pending = new ArrayList<>();
        private final Map<Integer, Set<String>> localNames = new HashMap<>();
        private int firstLine;
        private int line;
        private List<String> args = new ArrayList<>();
        private List<String> refs = new ArrayList<>();
        private final List<String> lineStrings = new ArrayList<>();
        private final List<Object> lineNames = new ArrayList<>();
        private boolean lastWasConcat;
        private final List<MethodInsnNode> invocations;
        private final ArgumentSources sources;
        private int invocation;

        /**
         * @param invocations the method's call instructions in order, matching {@link #visitMethodInsn} calls
         * @param sources the method's argument analysis, null when none was made
         */
        MethodCollector(
                String name,
                String descriptor,
                Collector owner,
                List<MethodInsnNode> invocations,
                ArgumentSources sources) {
            super(Opcodes.ASM9);
            this.name = name;
            this.descriptor = descriptor;
            this.owner = owner;
            this.invocations = invocations;
            this.sources = sources;
        }

        private void op(int opcode) {
            if (opcodes.size() < 8) {
                opcodes.add(opcode);
            }
        }

        @Override
        public void visitLineNumber(int lineNumber, Label start) {
            if (firstLine == 0) {
                firstLine = lineNumber;
            }
            if (lineNumber != line) {
                lineStrings.clear();
                lineNames.clear();
            }
            line = lineNumber;
        }

        @Override
        public void visitInsn(int opcode) {
            op(opcode);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            op(opcode);
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            op(opcode);
            if (opcode >= Opcodes.ILOAD && opcode <= Opcodes.ALOAD) {
                lineNames.add(varIndex);
            }
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            op(opcode);
        }

        @Override
        public void visitFieldInsn(int opcode, String fieldOwner, String fieldName, String fieldDescriptor) {
            op(opcode);
            lineNames.add(fieldName);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            op(opcode);
        }

        @Override
        public void visitLdcInsn(Object value) {
            op(Opcodes.LDC);
            if (value instanceof String s) {
                args.add(s);
                lineStrings.add(s);
            }
        }

        @Override
        public void visitMethodInsn(
                int opcode, String callOwner, String callName, String callDescriptor, boolean isInterface) {
            op(opcode);
            ArgumentSources.Sources flow = null;
            MethodInsnNode node = invocation < invocations.size() ? invocations.get(invocation) : null;
            invocation++;
            if (sources != null && node != null && ARGUMENT_FLOW_OWNERS.contains(dotted(callOwner))) {
                flow = sources.of(node);
            }
            pending.add(new PendingCall(
                    line,
                    dotted(callOwner),
                    callName,
                    List.copyOf(args),
                    List.copyOf(lineStrings),
                    List.copyOf(refs),
                    lastWasConcat,
                    List.copyOf(lineNames),
                    flow));
            lastWasConcat = callOwner.equals("java/lang/StringBuilder") && callName.equals("toString")
                    || callOwner.equals("java/lang/String") && (callName.equals("format") || callName.equals("concat"));
            lineNames.add(callName);
            args = new ArrayList<>();
            refs = new ArrayList<>();
        }

        @Override
        public void visitInvokeDynamicInsn(
                String indyName, String indyDescriptor, Handle bootstrap, Object... bootstrapArguments) {
            op(Opcodes.INVOKEDYNAMIC);
            if (bootstrap.getOwner().equals("java/lang/invoke/StringConcatFactory")) {
                lastWasConcat = true;
                args = new ArrayList<>();
                return;
            }
            for (Object arg : bootstrapArguments) {
                if (arg instanceof Handle h) {
                    refs.add(dotted(h.getOwner()) + "." + h.getName());
                }
            }
        }

        @Override
        public void visitLocalVariable(
                String varName, String varDescriptor, String signature, Label start, Label end, int index) {
            localNames.computeIfAbsent(index, k -> new LinkedHashSet<>()).add(varName);
        }

        @Override
        public void visitEnd() {
            owner.methods.add(new Method(name, descriptor, firstLine, List.copyOf(opcodes)));
            for (PendingCall p : pending) {
                Set<String> names = new LinkedHashSet<>();
                for (Object n : p.lineNames) {
                    if (n instanceof Integer slot) {
                        names.addAll(localNames.getOrDefault(slot, Set.of()));
                    } else {
                        names.add((String) n);
                    }
                }
                owner.calls.add(new Call(
                        name,
                        p.line,
                        p.owner,
                        p.name,
                        p.args,
                        p.lineStrings,
                        p.refs,
                        p.concatenated,
                        Set.copyOf(names),
                        p.flow == null ? null : Set.copyOf(p.flow.names()),
                        p.flow == null ? null : List.copyOf(p.flow.strings())));
            }
        }
    }

    private record PendingCall(
            int line,
            String owner,
            String name,
            List<String> args,
            List<String> lineStrings,
            List<String> refs,
            boolean concatenated,
            List<Object> lineNames,
            ArgumentSources.Sources flow) {}
}
