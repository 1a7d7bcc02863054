package dev.vigil.archrules.flow;

import java.util.List;
import java.util.Objects;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.analysis.Value;

/**
 * An abstract value in a frame: its type (exact when the allocation is known), its constant value when it is fixed at
 * compile time, a string it is assumed to hold (a {@code Properties} default), its taint, the allocation site of the
 * object (whose contents live in the frame's heap), marks such as "writes to the HTTP response", and, for lambdas,
 * the implementation method and captured values.
 */
final class FlowValue implements Value {
    static final int NO_ALLOC = Integer.MIN_VALUE;
    static final int THIS = -1;
    /** The value is a writer or stream of the HTTP response. */
    static final int RESPONSE_OUT = 1;
    /** The value is the HTTP response. */
    static final int RESPONSE = 2;

    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    static final FlowValue UNINIT = new FlowValue(1, null, false, null, null, null, NO_ALLOC, 0, null);
    static final FlowValue RETURN_ADDRESS = new FlowValue(1, "R", false, null, null, null, NO_ALLOC, 0, null);

    final int size;
    /** Internal name, array descriptor, or one of I J F D for primitives; null when unknown. */
    final String type;

    final boolean exact;
    final Object constant;
    final String guess;
    final Taint taint;
    final int alloc;
    final int marks;
    final Lambda lambda;

    record Lambda(Handle impl, String sam, List<FlowValue> captured) {}

    FlowValue(
            int size,
            String type,
            boolean exact,
            Object constant,
            String guess,
            Taint taint,
            int alloc,
            int marks,
            Lambda lambda) {
        this.size = size;
        this.type = type;
        this.exact = exact;
        this.constant = constant;
        this.guess = guess;
        this.taint = taint;
        this.alloc = alloc;
        this.marks = marks;
        this.lambda = lambda;
    }

    static FlowValue of(Type t) {
        if (t == null) {
            return UNINIT;
        }
        return switch (t.getSort()) {
            case Type.VOID -> null;
            case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT ->
                new FlowValue(1, "I", false, null, null, null, NO_ALLOC, 0, null);
            case Type.FLOAT -> new FlowValue(1, "F", false, null, null, null, NO_ALLOC, 0, null);
            case Type.LONG -> new FlowValue(2, "J", false, null, null, null, NO_ALLOC, 0, null);
            case Type.DOUBLE -> new FlowValue(2, "D", false, null, null, null, NO_ALLOC, 0, null);
            case Type.ARRAY -> new FlowValue(1, t.getDescriptor(), false, null, null, null, NO_ALLOC, 0, null);
            default -> new FlowValue(1, t.getInternalName(), false, null, null, null, NO_ALLOC, 0, null);
        };
    }

    static FlowValue constant(Object c) {
        String type;
        int size = 1;
        if (c instanceof Integer) {
            type = "I";
        } else if (c instanceof Long) {
            type = "J";
            size = 2;
        } else if (c instanceof Float) {
            type = "F";
        } else if (c instanceof Double) {
            type = "D";
            size = 2;
        } else if (c instanceof String) {
            type = "java/lang/String";
        } else if (c instanceof Type t) {
            type = t.getSort() == Type.METHOD ? "java/lang/invoke/MethodType" : "java/lang/Class";
            c = null;
        } else {
            type = null;
        }
        return new FlowValue(
                size, type, c instanceof String, c, c instanceof String s ? s : null, null, NO_ALLOC, 0, null);
    }

    boolean primitive() {
        return type != null && type.length() == 1;
    }

    boolean reference() {
        return type == null || type.length() > 1;
    }

    FlowValue withTaint(Taint t) {
        if (Taint.same(t, taint) && t == taint) {
            return this;
        }
        Object c = t != null && t.kinds != 0 ? null : constant;
        return new FlowValue(size, type, exact, c, t != null && t.kinds != 0 ? null : guess, t, alloc, marks, lambda);
    }

    FlowValue withType(String newType, boolean newExact) {
        return new FlowValue(size, newType, newExact, constant, guess, taint, alloc, marks, lambda);
    }

    FlowValue withConstant(Object c) {
        return new FlowValue(size, type, exact, c, c instanceof String s ? s : guess, taint, alloc, marks, lambda);
    }

    FlowValue withGuess(String g) {
        return new FlowValue(size, type, exact, constant, g, taint, alloc, marks, lambda);
    }

    FlowValue withAlloc(int a) {
        return new FlowValue(size, type, exact, constant, guess, taint, a, marks, lambda);
    }

    FlowValue withMarks(int m) {
        return new FlowValue(size, type, exact, constant, guess, taint, alloc, m, lambda);
    }

    FlowValue withLambda(Lambda l) {
        return new FlowValue(size, type, exact, constant, guess, taint, alloc, marks, l);
    }

    static FlowValue merge(FlowValue a, FlowValue b) {
        if (a == b || a.equals(b)) {
            return a;
        }
        if (a.size != b.size || a == UNINIT || b == UNINIT || a == RETURN_ADDRESS || b == RETURN_ADDRESS) {
            return UNINIT;
        }
        String type = Objects.equals(a.type, b.type) ? a.type : a.primitive() ? a.type : "java/lang/Object";
        boolean exact = a.exact && b.exact && Objects.equals(a.type, b.type);
        Object constant = Objects.equals(a.constant, b.constant) ? a.constant : null;
        String guess = Objects.equals(a.guess, b.guess) ? a.guess : null;
        int alloc = a.alloc == b.alloc ? a.alloc : NO_ALLOC;
        Lambda lambda = Objects.equals(a.lambda, b.lambda) ? a.lambda : null;
        return new FlowValue(
                a.size, type, exact, constant, guess, Taint.join(a.taint, b.taint), alloc, a.marks | b.marks, lambda);
    }

    @Override
    public int getSize() {
        return size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowValue v
                && size == v.size
                && exact == v.exact
                && alloc == v.alloc
                && marks == v.marks
                && Objects.equals(type, v.type)
                && Objects.equals(constant, v.constant)
                && Objects.equals(guess, v.guess)
                && Taint.same(taint, v.taint)
                && Objects.equals(lambda, v.lambda);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, type, constant, alloc);
    }

    @Override
    public String toString() {
        return (type == null ? "?" : type)
                + (constant != null ? "=" + constant : "")
                + (taint != null ? "!" + taint.kinds + "/" + Long.toBinaryString(taint.params) : "")
                + (alloc != NO_ALLOC ? "@" + alloc : "");
    }
}
