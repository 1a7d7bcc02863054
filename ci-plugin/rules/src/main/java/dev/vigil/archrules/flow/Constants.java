package dev.vigil.archrules.flow;

import java.util.List;
import java.util.Locale;

/** Evaluates pure JDK methods on compile-time constants, so conditions and switches on them fold. */
final class Constants {
    private Constants() {}

    /** The result of {@code owner.name} on constant receiver and arguments, or null when not constant. */
    static Object eval(String owner, String name, String desc, FlowValue receiver, List<FlowValue> args) {
        Object[] a = new Object[args.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = args.get(i).constant;
            if (a[i] == null) {
                return null;
            }
        }
        Object r = receiver == null ? null : receiver.constant;
        if (receiver != null && r == null) {
            return null;
        }
        try {
            return switch (owner) {
                case "java/lang/String" -> string(r, name, desc, a);
                case "java/lang/Integer", "java/lang/Short", "java/lang/Byte" -> integer(r, name, a);
                case "java/lang/Long" ->
                    name.equals("longValue") ? r : name.equals("valueOf") && a[0] instanceof Long l ? l : null;
                case "java/lang/Character" -> name.equals("charValue") ? r : name.equals("valueOf") ? a[0] : null;
                case "java/lang/Boolean" ->
                    name.equals("booleanValue") ? r : name.equals("valueOf") && a[0] instanceof Integer ? a[0] : null;
                case "java/lang/Math" -> math(name, a);
                case "java/util/Objects" -> name.equals("equals") && a.length == 2 ? (a[0].equals(a[1]) ? 1 : 0) : null;
                default -> null;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Object integer(Object r, String name, Object[] a) {
        return switch (name) {
            case "intValue", "shortValue", "byteValue" -> r;
            case "valueOf", "parseInt" ->
                a.length == 1 && a[0] instanceof String s
                        ? Integer.parseInt(s.trim())
                        : a.length == 1 && a[0] instanceof Integer ? a[0] : null;
            default -> null;
        };
    }

    private static Object math(String name, Object[] a) {
        if (a.length == 2 && a[0] instanceof Integer x && a[1] instanceof Integer y) {
            return switch (name) {
                case "max" -> Math.max(x, y);
                case "min" -> Math.min(x, y);
                default -> null;
            };
        }
        return a.length == 1 && a[0] instanceof Integer x && name.equals("abs") ? Math.abs(x) : null;
    }

    private static Object string(Object r, String name, String desc, Object[] a) {
        if (r == null) {
            if (name.equals("valueOf") && a.length == 1) {
                if (desc.startsWith("(C)")) {
                    return String.valueOf((char) (int) (Integer) a[0]);
                }
                if (desc.startsWith("(Z)")) {
                    return String.valueOf((Integer) a[0] != 0);
                }
                return a[0] == FlowValue.NULL ? "null" : String.valueOf(a[0]);
            }
            return null;
        }
        if (!(r instanceof String s)) {
            return null;
        }
        return switch (name) {
            case "length" -> s.length();
            case "isEmpty" -> s.isEmpty() ? 1 : 0;
            case "isBlank" -> s.isBlank() ? 1 : 0;
            case "hashCode" -> s.hashCode();
            case "charAt" -> (int) s.charAt((Integer) a[0]);
            case "equals" -> s.equals(a[0]) ? 1 : 0;
            case "equalsIgnoreCase" -> a[0] instanceof String o && s.equalsIgnoreCase(o) ? 1 : 0;
            case "substring" ->
                a.length == 1 ? s.substring((Integer) a[0]) : s.substring((Integer) a[0], (Integer) a[1]);
            case "toUpperCase" -> s.toUpperCase(Locale.ROOT);
            case "toLowerCase" -> s.toLowerCase(Locale.ROOT);
            case "trim" -> s.trim();
            case "strip" -> s.strip();
            case "intern", "toString" -> s;
            case "concat" -> s.concat((String) a[0]);
            case "contains" -> s.contains(String.valueOf(a[0])) ? 1 : 0;
            case "startsWith" -> s.startsWith((String) a[0]) ? 1 : 0;
            case "endsWith" -> s.endsWith((String) a[0]) ? 1 : 0;
            case "indexOf" -> a[0] instanceof String o ? s.indexOf(o) : s.indexOf((Integer) a[0]);
            case "replace" ->
                a[0] instanceof String x
                        ? s.replace(x, (String) a[1])
                        : s.replace((char) (int) (Integer) a[0], (char) (int) (Integer) a[1]);
            default -> null;
        };
    }

    /** Folds an int operation; null when not constant. */
    static Object intOp(int opcode, Object x, Object y) {
        if (!(x instanceof Integer a) || !(y instanceof Integer b)) {
            return null;
        }
        return switch (opcode) {
            case org.objectweb.asm.Opcodes.IADD -> a + b;
            case org.objectweb.asm.Opcodes.ISUB -> a - b;
            case org.objectweb.asm.Opcodes.IMUL -> a * b;
            case org.objectweb.asm.Opcodes.IDIV -> b == 0 ? null : a / b;
            case org.objectweb.asm.Opcodes.IREM -> b == 0 ? null : a % b;
            case org.objectweb.asm.Opcodes.IAND -> a & b;
            case org.objectweb.asm.Opcodes.IOR -> a | b;
            case org.objectweb.asm.Opcodes.IXOR -> a ^ b;
            case org.objectweb.asm.Opcodes.ISHL -> a << b;
            case org.objectweb.asm.Opcodes.ISHR -> a >> b;
            case org.objectweb.asm.Opcodes.IUSHR -> a >>> b;
            default -> null;
        };
    }

    static Object longOp(int opcode, Object x, Object y) {
        if (!(x instanceof Long a) || !(y instanceof Long || y instanceof Integer)) {
            return null;
        }
        long b = ((Number) y).longValue();
        return switch (opcode) {
            case org.objectweb.asm.Opcodes.LADD -> a + b;
            case org.objectweb.asm.Opcodes.LSUB -> a - b;
            case org.objectweb.asm.Opcodes.LMUL -> a * b;
            case org.objectweb.asm.Opcodes.LDIV -> b == 0 ? null : a / b;
            case org.objectweb.asm.Opcodes.LREM -> b == 0 ? null : a % b;
            case org.objectweb.asm.Opcodes.LCMP -> Long.compare(a, b);
            default -> null;
        };
    }

    /** Whether a conditional jump with constant operands is taken; null when an operand is not constant. */
    static Boolean jump(int opcode, FlowValue a, FlowValue b) {
        switch (opcode) {
            case org.objectweb.asm.Opcodes.IFNULL, org.objectweb.asm.Opcodes.IFNONNULL -> {
                Boolean isNull = a.constant == FlowValue.NULL
                        ? Boolean.TRUE
                        : a.constant instanceof String || a.alloc != FlowValue.NO_ALLOC && a.alloc != FlowValue.THIS
                                ? Boolean.FALSE
                                : null;
                if (isNull == null) {
                    return null;
                }
                return opcode == org.objectweb.asm.Opcodes.IFNULL ? isNull : !isNull;
            }
            default -> {
                // handled below
            }
        }
        if (!(a.constant instanceof Integer x)) {
            return null;
        }
        int y;
        if (b == null) {
            y = 0;
        } else if (b.constant instanceof Integer z) {
            y = z;
        } else {
            return null;
        }
        return switch (opcode) {
            case org.objectweb.asm.Opcodes.IFEQ, org.objectweb.asm.Opcodes.IF_ICMPEQ -> x == y;
            case org.objectweb.asm.Opcodes.IFNE, org.objectweb.asm.Opcodes.IF_ICMPNE -> x != y;
            case org.objectweb.asm.Opcodes.IFLT, org.objectweb.asm.Opcodes.IF_ICMPLT -> x < y;
            case org.objectweb.asm.Opcodes.IFGE, org.objectweb.asm.Opcodes.IF_ICMPGE -> x >= y;
            case org.objectweb.asm.Opcodes.IFGT, org.objectweb.asm.Opcodes.IF_ICMPGT -> x > y;
            case org.objectweb.asm.Opcodes.IFLE, org.objectweb.asm.Opcodes.IF_ICMPLE -> x <= y;
            default -> null;
        };
    }
}
