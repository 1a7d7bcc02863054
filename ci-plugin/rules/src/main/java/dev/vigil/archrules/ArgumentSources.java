package dev.vigil.archrules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * What reaches a call's arguments inside one method: the names of the locals, fields and methods whose values flow into
 * them, and the string constants among them. Follows values through locals, {@code dup}s and casts, string
 * concatenation ({@code +}, {@link StringBuilder}, {@code String.format}, {@code concat}, {@code valueOf}), the
 * elements stored into a varargs array, the receiver of {@code toString()}-like conversions, and the values a lambda
 * captures. Any other method's result is its own value: {@code token.getExpiry()} does not carry {@code token}, while
 * {@code config.getPassword()} is named like a secret itself. Work is bounded by the method's size (each instruction is
 * visited at most once per call).
 */
final class ArgumentSources {
    /** Names and string constants reaching one call's arguments. */
    record Sources(Set<String> names, List<String> strings) {}

    private static final Set<String> BUILDERS = Set.of("java/lang/StringBuilder", "java/lang/StringBuffer");
    /** String conversions that carry their receiver's and arguments' text into the result. */
    private static final Set<String> CARRIERS = Set.of(
            "toString",
            "valueOf",
            "format",
            "formatted",
            "concat",
            "join",
            "trim",
            "strip",
            "toLowerCase",
            "toUpperCase",
            "toCharArray",
            "getBytes",
            "copyValueOf",
            "encodeToString",
            "encode",
            "append",
            "insert",
            "deepToString",
            "asList",
            "of");

    /** How many stack values DUP, DUP_X1, DUP_X2, DUP2, DUP2_X1, DUP2_X2 and SWAP re-push. */
    private static final int[] COPIED = {1, 2, 3, 2, 3, 4, 2};

    private static final int ORIGIN_STEPS = 64;

    private final Frame<SourceValue>[] frames;
    private final InsnList insns;
    private final List<LocalVariableNode> locals;
    /** By builder or array origin, the values written into it; computed on first need. */
    private Map<AbstractInsnNode, List<Set<AbstractInsnNode>>> writes;

    private ArgumentSources(MethodNode method, Frame<SourceValue>[] frames) {
        this.frames = frames;
        this.insns = method.instructions;
        this.locals = method.localVariables != null ? method.localVariables : List.of();
    }

    /** The analysis of {@code method}, or null when ASM cannot analyse it (the caller falls back to line names). */
    static ArgumentSources of(String owner, MethodNode method) {
        try {
            Frame<SourceValue>[] frames = new Analyzer<>(new SourceInterpreter()).analyze(owner, method);
            return new ArgumentSources(method, frames);
        } catch (AnalyzerException | RuntimeException e) {
            return null;
        }
    }

    /** What reaches the arguments (not the receiver) of {@code call}. */
    Sources of(MethodInsnNode call) {
        Frame<SourceValue> frame = frames[insns.indexOf(call)];
        Set<String> names = new LinkedHashSet<>();
        List<String> strings = new ArrayList<>();
        if (frame == null) {
            return new Sources(names, strings); // unreachable code
        }
        int args = Type.getArgumentTypes(call.desc).length;
        ArrayDeque<AbstractInsnNode> work = new ArrayDeque<>();
        for (int i = 0; i < args; i++) {
            work.addAll(frame.getStack(frame.getStackSize() - 1 - i).insns);
        }
        Set<AbstractInsnNode> seen = new HashSet<>();
        while (!work.isEmpty()) {
            AbstractInsnNode insn = work.pop();
            if (seen.add(insn)) {
                visit(insn, names, strings, work);
            }
        }
        return new Sources(names, strings);
    }

    private void visit(
            AbstractInsnNode insn, Set<String> names, List<String> strings, ArrayDeque<AbstractInsnNode> work) {
        Frame<SourceValue> before = frames[insns.indexOf(insn)];
        if (before == null) {
            return;
        }
        switch (insn.getType()) {
            case AbstractInsnNode.LDC_INSN -> {
                if (((LdcInsnNode) insn).cst instanceof String s) {
                    strings.add(s);
                }
            }
            case AbstractInsnNode.VAR_INSN -> {
                VarInsnNode v = (VarInsnNode) insn;
                if (v.getOpcode() >= Opcodes.ISTORE && v.getOpcode() <= Opcodes.ASTORE) {
                    work.addAll(top(before, 0)); // the stored value
                } else if (v.getOpcode() >= Opcodes.ILOAD && v.getOpcode() <= Opcodes.ALOAD) {
                    names.addAll(localNames(v));
                    work.addAll(before.getLocal(v.var).insns); // the stores (none for a parameter)
                }
            }
            case AbstractInsnNode.FIELD_INSN -> names.add(((FieldInsnNode) insn).name);
            case AbstractInsnNode.METHOD_INSN -> {
                MethodInsnNode m = (MethodInsnNode) insn;
                names.add(m.name);
                boolean builder = BUILDERS.contains(m.owner);
                if (CARRIERS.contains(m.name) || builder) {
                    int args = Type.getArgumentTypes(m.desc).length;
                    int operands = m.getOpcode() == Opcodes.INVOKESTATIC ? args : args + 1;
                    for (int i = 0; i < operands; i++) {
                        work.addAll(top(before, i));
                    }
                }
            }
            case AbstractInsnNode.INVOKE_DYNAMIC_INSN -> {
                InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) insn;
                // string concatenation, or a lambda whose captured values decide what it logs
                int args = Type.getArgumentTypes(indy.desc).length;
                for (int i = 0; i < args; i++) {
                    work.addAll(top(before, i));
                }
                for (Object b : indy.bsmArgs) {
                    if (b instanceof String s) {
                        strings.add(s);
                    } else if (b instanceof Handle h && h.getName().startsWith("lambda$")) {
                        names.add(h.getName());
                    }
                }
            }
            case AbstractInsnNode.TYPE_INSN -> {
                int op = insn.getOpcode();
                if (op == Opcodes.CHECKCAST) {
                    work.addAll(top(before, 0));
                } else if (op == Opcodes.NEW || op == Opcodes.ANEWARRAY) {
                    mutations(insn, work);
                }
            }
            case AbstractInsnNode.INSN -> {
                int op = insn.getOpcode();
                if (op >= Opcodes.DUP && op <= Opcodes.SWAP) {
                    // the values a copying instruction re-pushes, all sourced from it
                    int copied = COPIED[op - Opcodes.DUP];
                    for (int i = 0; i < Math.min(before.getStackSize(), copied); i++) {
                        work.addAll(top(before, i));
                    }
                } else if (op == Opcodes.AALOAD) {
                    work.addAll(top(before, 1)); // the array
                }
            }
            default -> {
                // another value (a number, a null, a call's own result): nothing to follow
            }
        }
    }

    /**
     * Values written into the builder or array {@code origin} made: the elements stored into a varargs array, the parts
     * appended to a builder, the arguments of its constructor.
     */
    private void mutations(AbstractInsnNode origin, ArrayDeque<AbstractInsnNode> work) {
        if (writes == null) {
            writes = new HashMap<>();
            for (AbstractInsnNode insn = insns.getFirst(); insn != null; insn = insn.getNext()) {
                Frame<SourceValue> f = frames[insns.indexOf(insn)];
                if (f == null) {
                    continue;
                }
                if (insn.getOpcode() == Opcodes.AASTORE && f.getStackSize() >= 3) {
                    for (AbstractInsnNode o : origins(top(f, 2))) {
                        writes.computeIfAbsent(o, k -> new ArrayList<>()).add(top(f, 0));
                    }
                } else if (insn instanceof MethodInsnNode m && BUILDERS.contains(m.owner)) {
                    int args = Type.getArgumentTypes(m.desc).length;
                    if (f.getStackSize() > args) {
                        for (AbstractInsnNode o : origins(top(f, args))) {
                            for (int i = 0; i < args; i++) {
                                writes.computeIfAbsent(o, k -> new ArrayList<>())
                                        .add(top(f, i));
                            }
                        }
                    }
                }
            }
        }
        for (Set<AbstractInsnNode> values : writes.getOrDefault(origin, List.of())) {
            work.addAll(values);
        }
    }

    /**
     * The {@code new} or {@code anewarray} instructions {@code values} (a receiver or array operand) come from, through
     * copies, casts, locals and {@code append}'s returned receiver; at most {@link #ORIGIN_STEPS} steps.
     */
    private Set<AbstractInsnNode> origins(Set<AbstractInsnNode> values) {
        ArrayDeque<AbstractInsnNode> work = new ArrayDeque<>(values);
        Set<AbstractInsnNode> seen = new HashSet<>();
        Set<AbstractInsnNode> found = new HashSet<>();
        while (!work.isEmpty() && seen.size() < ORIGIN_STEPS) {
            AbstractInsnNode insn = work.pop();
            if (!seen.add(insn)) {
                continue;
            }
            if (insn.getOpcode() == Opcodes.NEW || insn.getOpcode() == Opcodes.ANEWARRAY) {
                found.add(insn);
                continue;
            }
            Frame<SourceValue> f = frames[insns.indexOf(insn)];
            if (f == null) {
                continue;
            }
            int op = insn.getOpcode();
            if (op == Opcodes.ALOAD) {
                work.addAll(f.getLocal(((VarInsnNode) insn).var).insns);
            } else if (op == Opcodes.ASTORE || op == Opcodes.DUP || op == Opcodes.CHECKCAST) {
                work.addAll(top(f, 0));
            } else if (insn instanceof MethodInsnNode m && BUILDERS.contains(m.owner) && m.name.equals("append")) {
                work.addAll(top(f, Type.getArgumentTypes(m.desc).length)); // append returns its receiver
            }
        }
        return found;
    }

    /** The names the local variable table gives slot {@code load.var} where {@code load} reads it. */
    private List<String> localNames(VarInsnNode load) {
        int at = insns.indexOf(load);
        List<String> names = new ArrayList<>(1);
        for (LocalVariableNode v : locals) {
            if (v.index == load.var && insns.indexOf(v.start) <= at && at < insns.indexOf(v.end)) {
                names.add(v.name);
            }
        }
        return names;
    }

    private static Set<AbstractInsnNode> top(Frame<SourceValue> f, int fromTop) {
        int i = f.getStackSize() - 1 - fromTop;
        return i >= 0 ? f.getStack(i).insns : Set.of();
    }
}
