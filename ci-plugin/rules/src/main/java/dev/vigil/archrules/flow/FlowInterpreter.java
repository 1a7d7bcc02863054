package dev.vigil.archrules.flow;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/** The abstract semantics of every instruction: constants, taint, allocations, and the calls the engine models. */
final class FlowInterpreter extends Interpreter<FlowValue> {
    private final MethodAnalysis ctx;
    FlowFrame frame;
    AbstractInsnNode insn;

    FlowInterpreter(MethodAnalysis ctx) {
        super(Opcodes.ASM9);
        this.ctx = ctx;
    }

    @Override
    public FlowValue newValue(Type type) {
        return FlowValue.of(type);
    }

    @Override
    public FlowValue newParameterValue(boolean isInstanceMethod, int local, Type type) {
        return ctx.parameterValue(local, type);
    }

    @Override
    public FlowValue newEmptyValue(int local) {
        return FlowValue.UNINIT;
    }

    @Override
    public FlowValue newExceptionValue(TryCatchBlockNode tryCatch, Frame<FlowValue> handlerFrame, Type exceptionType) {
        return FlowValue.of(exceptionType);
    }

    @Override
    public FlowValue newOperation(AbstractInsnNode insn) throws AnalyzerException {
        switch (insn.getOpcode()) {
            case Opcodes.ACONST_NULL:
                return new FlowValue(
                        1, "java/lang/Object", false, FlowValue.NULL, null, null, FlowValue.NO_ALLOC, 0, null);
            case Opcodes.ICONST_M1,
                    Opcodes.ICONST_0,
                    Opcodes.ICONST_1,
                    Opcodes.ICONST_2,
                    Opcodes.ICONST_3,
                    Opcodes.ICONST_4,
                    Opcodes.ICONST_5:
                return FlowValue.constant(insn.getOpcode() - Opcodes.ICONST_0);
            case Opcodes.LCONST_0, Opcodes.LCONST_1:
                return FlowValue.constant((long) (insn.getOpcode() - Opcodes.LCONST_0));
            case Opcodes.FCONST_0, Opcodes.FCONST_1, Opcodes.FCONST_2:
                return FlowValue.constant((float) (insn.getOpcode() - Opcodes.FCONST_0));
            case Opcodes.DCONST_0, Opcodes.DCONST_1:
                return FlowValue.constant((double) (insn.getOpcode() - Opcodes.DCONST_0));
            case Opcodes.BIPUSH, Opcodes.SIPUSH:
                return FlowValue.constant(((IntInsnNode) insn).operand);
            case Opcodes.LDC:
                return FlowValue.constant(((LdcInsnNode) insn).cst);
            case Opcodes.JSR:
                return FlowValue.RETURN_ADDRESS;
            case Opcodes.GETSTATIC: {
                FieldInsnNode f = (FieldInsnNode) insn;
                FlowValue v = FlowValue.of(Type.getType(f.desc));
                String known = ctx.program.fieldGuess(f.owner, f.name);
                return fieldType(f, known == null ? v : v.withGuess(known));
            }
            case Opcodes.NEW: {
                String type = ((TypeInsnNode) insn).desc;
                FlowValue v = new FlowValue(1, type, true, null, null, null, ctx.index(insn), 0, null);
                if (type.equals("java/util/Random") || type.equals("java/util/SplittableRandom")) {
                    v = v.withTaint(Taint.source(Taint.RANDOM, Trace.of(ctx.step(insn, "new " + simple(type) + "()"))));
                }
                return v;
            }
            default:
                throw new AnalyzerException(insn, "unexpected opcode " + insn.getOpcode());
        }
    }

    @Override
    public FlowValue copyOperation(AbstractInsnNode insn, FlowValue value) {
        if (insn.getOpcode() == Opcodes.ASTORE && value.taint != null && value.taint.trace != null) {
            String name = ctx.localName(((VarInsnNode) insn).var, insn);
            if (name != null) {
                return value.withTaint(value.taint.then(ctx.step(insn, "assigned to " + name)));
            }
        }
        return value;
    }

    @Override
    public FlowValue unaryOperation(AbstractInsnNode insn, FlowValue value) {
        int op = insn.getOpcode();
        switch (op) {
            case Opcodes.INEG:
                return value.constant instanceof Integer i ? FlowValue.constant(-i) : numeric(value, "I");
            case Opcodes.IINC: {
                int inc = ((IincInsnNode) insn).incr;
                return value.constant instanceof Integer i ? FlowValue.constant(i + inc) : numeric(value, "I");
            }
            case Opcodes.I2B:
                return value.constant instanceof Integer i
                        ? FlowValue.constant((int) (byte) (int) i)
                        : numeric(value, "I");
            case Opcodes.I2C:
                return value.constant instanceof Integer i
                        ? FlowValue.constant((int) (char) (int) i)
                        : numeric(value, "I");
            case Opcodes.I2S:
                return value.constant instanceof Integer i
                        ? FlowValue.constant((int) (short) (int) i)
                        : numeric(value, "I");
            case Opcodes.I2L:
                return value.constant instanceof Integer i ? FlowValue.constant((long) i) : numeric(value, "J");
            case Opcodes.L2I:
                return value.constant instanceof Long l ? FlowValue.constant((int) (long) l) : numeric(value, "I");
            case Opcodes.LNEG:
                return value.constant instanceof Long l ? FlowValue.constant(-l) : numeric(value, "J");
            case Opcodes.FNEG, Opcodes.I2F, Opcodes.L2F, Opcodes.D2F:
                return numeric(value, "F");
            case Opcodes.DNEG, Opcodes.I2D, Opcodes.L2D, Opcodes.F2D:
                return numeric(value, "D");
            case Opcodes.F2I, Opcodes.D2I:
                return numeric(value, "I");
            case Opcodes.F2L, Opcodes.D2L:
                return numeric(value, "J");
            case Opcodes.IFEQ,
                    Opcodes.IFNE,
                    Opcodes.IFLT,
                    Opcodes.IFGE,
                    Opcodes.IFGT,
                    Opcodes.IFLE,
                    Opcodes.TABLESWITCH,
                    Opcodes.LOOKUPSWITCH,
                    Opcodes.IRETURN,
                    Opcodes.LRETURN,
                    Opcodes.FRETURN,
                    Opcodes.DRETURN,
                    Opcodes.ARETURN,
                    Opcodes.PUTSTATIC,
                    Opcodes.ATHROW,
                    Opcodes.MONITORENTER,
                    Opcodes.MONITOREXIT,
                    Opcodes.IFNULL,
                    Opcodes.IFNONNULL:
                return null;
            case Opcodes.GETFIELD:
                return getField((FieldInsnNode) insn, value);
            case Opcodes.NEWARRAY:
                return new FlowValue(
                        1,
                        "[" + primitiveArray(((IntInsnNode) insn).operand),
                        true,
                        null,
                        null,
                        null,
                        ctx.index(insn),
                        0,
                        null);
            case Opcodes.ANEWARRAY: {
                String t = ((TypeInsnNode) insn).desc;
                String d = t.startsWith("[") ? "[" + t : "[L" + t + ";";
                return new FlowValue(1, d, true, null, null, null, ctx.index(insn), 0, null);
            }
            case Opcodes.ARRAYLENGTH, Opcodes.INSTANCEOF:
                return FlowValue.of(Type.INT_TYPE);
            case Opcodes.CHECKCAST: {
                String t = ((TypeInsnNode) insn).desc;
                return value.exact ? value : value.withType(t.startsWith("[") ? t : t, false);
            }
            default:
                return value;
        }
    }

    private static String primitiveArray(int operand) {
        return switch (operand) {
            case Opcodes.T_BOOLEAN -> "Z";
            case Opcodes.T_CHAR -> "C";
            case Opcodes.T_BYTE -> "B";
            case Opcodes.T_SHORT -> "S";
            case Opcodes.T_INT -> "I";
            case Opcodes.T_FLOAT -> "F";
            case Opcodes.T_DOUBLE -> "D";
            default -> "J";
        };
    }

    private FlowValue numeric(FlowValue in, String type) {
        FlowValue v = FlowValue.of(Type.getType(type));
        Taint t = effective(in);
        return t == null ? v : v.withTaint(t.numeric());
    }

    /** A field that always holds a {@code new X(..)} has that exact type; a predictable generator is a source. */
    private FlowValue fieldType(FieldInsnNode f, FlowValue v) {
        String type = ctx.program.fieldType(f.owner, f.name);
        if (type == null) {
            return v;
        }
        v = v.withType(type, true);
        if (type.equals("java/util/Random") || type.equals("java/util/SplittableRandom")) {
            Step step = ctx.step(insn, "field " + f.name + " (new " + simple(type) + "())");
            v = v.withTaint(Taint.source(Taint.RANDOM, Trace.of(step)));
        }
        return v;
    }

    private FlowValue getField(FieldInsnNode f, FlowValue obj) {
        FlowValue v = FlowValue.of(Type.getType(f.desc));
        if (obj.alloc != FlowValue.NO_ALLOC) {
            FlowValue stored = frame.obj(obj.alloc).keyed.get("#f:" + f.name);
            if (stored != null) {
                return stored;
            }
        }
        String known = ctx.program.fieldGuess(f.owner, f.name);
        if (known != null) {
            v = v.withGuess(known);
        }
        Taint t = obj.taint;
        if (obj.alloc == FlowValue.THIS && ctx.isInstance()) {
            t = Taint.param(0, null);
            if (known == null) {
                v = v.withGuess(MethodAnalysis.FIELD_GUESS + f.name);
            }
        }
        if (t != null && Models.numeric(v.type)) {
            t = t.numeric();
        }
        v = fieldType(f, v);
        return t == null ? v : v.withTaint(Taint.join(v.taint, t));
    }

    @Override
    public FlowValue binaryOperation(AbstractInsnNode insn, FlowValue a, FlowValue b) {
        int op = insn.getOpcode();
        if (op >= Opcodes.IADD && op <= Opcodes.DREM
                || op >= Opcodes.ISHL && op <= Opcodes.LXOR
                || op >= Opcodes.LCMP && op <= Opcodes.DCMPG) {
            String type = switch (op) {
                case Opcodes.LADD,
                        Opcodes.LSUB,
                        Opcodes.LMUL,
                        Opcodes.LDIV,
                        Opcodes.LREM,
                        Opcodes.LSHL,
                        Opcodes.LSHR,
                        Opcodes.LUSHR,
                        Opcodes.LAND,
                        Opcodes.LOR,
                        Opcodes.LXOR -> "J";
                case Opcodes.FADD, Opcodes.FSUB, Opcodes.FMUL, Opcodes.FDIV, Opcodes.FREM -> "F";
                case Opcodes.DADD, Opcodes.DSUB, Opcodes.DMUL, Opcodes.DDIV, Opcodes.DREM -> "D";
                default -> "I";
            };
            Object c = op == Opcodes.LCMP || type.equals("J")
                    ? Constants.longOp(op, a.constant, b.constant)
                    : type.equals("I") ? Constants.intOp(op, a.constant, b.constant) : null;
            if (c != null) {
                return FlowValue.constant(c);
            }
            FlowValue v = FlowValue.of(Type.getType(type));
            Taint t = Taint.join(effective(a), effective(b));
            return t == null ? v : v.withTaint(t.numeric());
        }
        switch (op) {
            case Opcodes.IALOAD, Opcodes.BALOAD, Opcodes.CALOAD, Opcodes.SALOAD:
                return numeric(a, "I");
            case Opcodes.LALOAD:
                return numeric(a, "J");
            case Opcodes.FALOAD:
                return numeric(a, "F");
            case Opcodes.DALOAD:
                return numeric(a, "D");
            case Opcodes.AALOAD: {
                String element = a.type != null && a.type.startsWith("[") ? a.type.substring(1) : "Ljava/lang/Object;";
                FlowValue v = FlowValue.of(Type.getType(element));
                if (a.alloc != FlowValue.NO_ALLOC) {
                    Obj o = frame.obj(a.alloc);
                    if (b.constant instanceof Integer i) {
                        FlowValue stored = o.keyed.get(i);
                        if (stored != null && o.whole == null) {
                            return stored;
                        }
                        return v.withTaint(o.get(i));
                    }
                    return v.withTaint(Taint.join(a.taint, o.all()));
                }
                return a.taint == null ? v : v.withTaint(a.taint);
            }
            case Opcodes.PUTFIELD: {
                if (a.alloc != FlowValue.NO_ALLOC) {
                    FieldInsnNode f = (FieldInsnNode) insn;
                    FlowValue stored = b.alloc == FlowValue.NO_ALLOC || b.alloc == FlowValue.THIS
                            ? b
                            : b.withTaint(effective(b)).withAlloc(FlowValue.NO_ALLOC);
                    frame.put(a.alloc, frame.obj(a.alloc).put("#f:" + f.name, stored));
                }
                return null;
            }
            default:
                return null;
        }
    }

    @Override
    public FlowValue ternaryOperation(AbstractInsnNode insn, FlowValue array, FlowValue index, FlowValue value) {
        if (array.alloc != FlowValue.NO_ALLOC) {
            Obj o = frame.obj(array.alloc);
            if (index.constant instanceof Integer i) {
                Taint t = effective(value);
                frame.put(
                        array.alloc,
                        o.put(
                                i,
                                value.alloc == FlowValue.NO_ALLOC
                                        ? value
                                        : value.withTaint(t).withAlloc(FlowValue.NO_ALLOC)));
            } else {
                frame.put(array.alloc, o.withWhole(effective(value)));
            }
        }
        return null;
    }

    @Override
    public FlowValue naryOperation(AbstractInsnNode insn, List<? extends FlowValue> values) {
        ctx.clearHits(insn);
        if (insn instanceof MethodInsnNode m) {
            return new Calls(this, ctx, m).invoke(new ArrayList<>(values));
        }
        if (insn instanceof InvokeDynamicInsnNode indy) {
            return dynamic(indy, values);
        }
        return FlowValue.of(Type.getType(((MultiANewArrayInsnNode) insn).desc));
    }

    private FlowValue dynamic(InvokeDynamicInsnNode indy, List<? extends FlowValue> values) {
        Type ret = Type.getReturnType(indy.desc);
        FlowValue v = FlowValue.of(ret);
        Handle bsm = indy.bsm;
        if (bsm.getOwner().equals("java/lang/invoke/StringConcatFactory")) {
            Taint t = null;
            for (FlowValue a : values) {
                t = Taint.join(t, effective(a));
            }
            if (t != null) {
                return v.withTaint(t);
            }
            String folded = fold(indy, values);
            return folded == null ? v : v.withConstant(folded);
        }
        if (bsm.getOwner().equals("java/lang/invoke/LambdaMetafactory")
                && indy.bsmArgs.length > 1
                && indy.bsmArgs[1] instanceof Handle impl) {
            return v.withLambda(new FlowValue.Lambda(impl, indy.name, List.copyOf(values)));
        }
        return v;
    }

    private static String fold(InvokeDynamicInsnNode indy, List<? extends FlowValue> values) {
        if (!indy.name.equals("makeConcatWithConstants")
                || indy.bsmArgs.length == 0
                || !(indy.bsmArgs[0] instanceof String recipe)) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        int arg = 0;
        int constant = 1;
        for (char c : recipe.toCharArray()) {
            if (c == '\u0001') {
                FlowValue v = values.get(arg++);
                if (v.constant == null) {
                    return null;
                }
                Type t = Type.getArgumentTypes(indy.desc)[arg - 1];
                b.append(render(v.constant, t));
            } else if (c == '\u0002') {
                b.append(indy.bsmArgs[constant++]);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String render(Object c, Type t) {
        if (c == FlowValue.NULL) {
            return "null";
        }
        return switch (t.getSort()) {
            case Type.CHAR -> String.valueOf((char) (int) (Integer) c);
            case Type.BOOLEAN -> String.valueOf((Integer) c != 0);
            default -> String.valueOf(c);
        };
    }

    @Override
    public void returnOperation(AbstractInsnNode insn, FlowValue value, FlowValue expected) {
        if (value.alloc != FlowValue.NO_ALLOC && value.type != null && Models.COOKIE_TYPES.contains(value.type)) {
            FlowValue state = frame.obj(value.alloc).keyed.get(Obj.SECURE);
            if (state != null && state.constant instanceof String s && (s.contains("U") || s.contains("F"))) {
                ctx.event(insn, new Event("cookie", value.type, "return", s, ctx.lineAt(value.alloc), ctx.method.name));
            }
        }
        ctx.returned(value, value.withTaint(effective(value)), frame);
    }

    @Override
    public FlowValue merge(FlowValue a, FlowValue b) {
        return FlowValue.merge(a, b);
    }

    /** The value's taint plus everything its object contains. */
    Taint effective(FlowValue v) {
        if (v == null) {
            return null;
        }
        if (v.alloc != FlowValue.NO_ALLOC && frame != null) {
            Obj o = frame.heap.get(v.alloc);
            if (o != null) {
                return Taint.join(v.taint, o.all());
            }
        }
        return v.taint;
    }

    static String simple(String internal) {
        String s = internal.substring(internal.lastIndexOf('/') + 1);
        return s.replace('$', '.');
    }

    static boolean isPop(AbstractInsnNode n) {
        return n instanceof InsnNode && (n.getOpcode() == Opcodes.POP || n.getOpcode() == Opcodes.POP2);
    }
}
