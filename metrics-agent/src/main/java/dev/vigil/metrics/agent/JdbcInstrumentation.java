package dev.vigil.metrics.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Times JDBC statements and finds HikariCP pools, at class-load time with plain ASM (load-time only: classes already
 * loaded when the agent is attached at run time are left alone).
 *
 * <ul>
 *   <li>In classes implementing {@code java.sql.Statement} (and its subinterfaces), every declared {@code execute*}
 *       method with a JDBC signature is renamed to {@code vigil$<name>} and replaced by one that calls
 *       {@link JdbcCallback#INSTANCE} before and after it. The callback keeps a per-thread depth, so when a pool's proxy
 *       delegates to the driver's statement only the outermost call is recorded.
 *   <li>In classes implementing {@code java.sql.Connection}, {@code prepareStatement} / {@code prepareCall} hand the
 *       returned statement and its SQL to {@link JdbcCallback#PREPARED}, which keeps only the operation (weakly keyed
 *       by the statement).
 *   <li>{@code com.zaxxer.hikari.pool.HikariPool}'s constructor hands the new pool and its configuration to
 *       {@link JdbcCallback#POOL}, which watches it through weak references.
 * </ul>
 *
 * <p>The woven code uses only {@code java.base} types: it finds the callback once by reflection through the system class
 * loader, keeps it in a static field it adds, and calls it as a {@code BiFunction} / {@code BiConsumer}; every call sits
 * in a try/catch, so nothing can throw into the application. Which classes to weave is decided by {@link JdbcClassScan},
 * which refuses almost every class after one allocation-free pass over its constant pool.
 */
final class JdbcInstrumentation implements ClassFileTransformer {
    static final String CALLBACK = "dev.vigil.metrics.agent.JdbcCallback";
    static final String HIKARI_POOL = "com/zaxxer/hikari/pool/HikariPool";
    private static final String HIKARI_POOL_INIT = "(Lcom/zaxxer/hikari/HikariConfig;)V";
    private static final String OBJECT = "java/lang/Object";
    private static final String THROWABLE = "java/lang/Throwable";
    private static final boolean DEBUG = Boolean.getBoolean("vigil.metrics.debug");
    /** Debug statistics only: loading java.management costs start-up time. */
    private static final java.lang.management.ThreadMXBean THREADS =
            DEBUG ? java.lang.management.ManagementFactory.getThreadMXBean() : null;

    private static final AtomicLong NANOS = new AtomicLong();
    private static final AtomicLong CLASSES = new AtomicLong();
    private static final AtomicLong SCANNED = new AtomicLong();
    private static final AtomicLong SCAN_NANOS = new AtomicLong();

    private JdbcInstrumentation() {}

    static void install(Instrumentation inst) {
        inst.addTransformer(new JdbcInstrumentation(), false);
        if (DEBUG) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> AgentLog.info("JDBC transformer: " + CLASSES.get() + " classes in "
                                    + NANOS.get() / 1_000 + " µs, of which " + SCANNED.get()
                                    + " constant-pool scans in " + SCAN_NANOS.get() / 1_000 + " µs (thread CPU time)"),
                            "vigil-metrics-jdbc-stats"));
        }
    }

    @Override
    public byte[] transform(
            ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (!DEBUG) {
            return transform(loader, className, redefined, bytes);
        }
        long t0 = cpuNanos();
        try {
            return transform(loader, className, redefined, bytes);
        } finally {
            NANOS.addAndGet(cpuNanos() - t0);
            CLASSES.incrementAndGet();
        }
    }

    /** This thread's CPU time (debug statistics only). */
    private static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static byte[] transform(ClassLoader loader, String className, Class<?> redefined, byte[] bytes) {
        if (redefined != null
                || loader == null
                || className == null
                || className.startsWith("java/")
                || className.startsWith("javax/")
                || className.startsWith("jdk/")
                || className.startsWith("sun/")
                || className.startsWith("com/sun/")
                || className.startsWith("dev/vigil/metrics/")) {
            return null;
        }
        try {
            if (className.equals(HIKARI_POOL)) {
                return weave(bytes, 0, true, className);
            }
            long t0 = DEBUG ? cpuNanos() : 0L;
            int declared = JdbcClassScan.declared(bytes);
            if (DEBUG) {
                SCAN_NANOS.addAndGet(cpuNanos() - t0);
                SCANNED.incrementAndGet();
            }
            if (declared == 0) {
                return null;
            }
            ClassReader reader = new ClassReader(bytes);
            int kinds = declared & JdbcClassScan.kinds(loader, reader.getSuperName(), reader.getInterfaces());
            return kinds == 0 ? null : weave(bytes, kinds, false, className);
        } catch (Throwable t) {
            AgentLog.warn("could not instrument " + className.replace('/', '.') + ": " + t);
            return null;
        }
    }

    /** The woven class, or null when nothing matched. */
    static byte[] weave(byte[] bytes, int kinds, boolean hikariPool, String className) {
        ClassReader reader = new ClassReader(bytes);
        // no COMPUTE_MAXS: the added code states its own, so every untouched method is copied as raw bytes
        ClassWriter writer = new ClassWriter(reader, 0);
        Weaver weaver = new Weaver(writer, kinds, hikariPool);
        reader.accept(weaver, 0);
        if (!weaver.changed) {
            return null;
        }
        if (DEBUG) {
            AgentLog.info("instrumented " + className.replace('/', '.') + " (JDBC)");
        }
        return writer.toByteArray();
    }

    /** Renames the matching methods, adds their replacements and the hooks they call. */
    private static final class Weaver extends ClassVisitor {
        private final int kinds;
        private final boolean hikariPool;
        private final List<String[]> executes = new ArrayList<>();
        private final List<String[]> prepares = new ArrayList<>();
        private String owner;
        private boolean pool;
        boolean changed;

        Weaver(ClassVisitor next, int kinds, boolean hikariPool) {
            super(Opcodes.ASM9, next);
            this.kinds = kinds;
            this.hikariPool = hikariPool;
        }

        @Override
        public void visit(int version, int acc, String name, String sig, String superName, String[] interfaces) {
            owner = name;
            super.visit(version, acc, name, sig, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int acc, String name, String desc, String sig, String[] exceptions) {
            boolean concrete = (acc & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_STATIC | Opcodes.ACC_NATIVE)) == 0;
            if (hikariPool && name.equals("<init>") && desc.equals(HIKARI_POOL_INIT)) {
                pool = true;
                changed = true;
                return new PoolInit(super.visitMethod(acc, name, desc, sig, exceptions), owner);
            }
            String key = name + desc;
            List<String[]> target = !concrete
                    ? null
                    : (kinds & JdbcClassScan.STATEMENT) != 0 && JdbcClassScan.EXECUTE.contains(key)
                            ? executes
                            : (kinds & JdbcClassScan.CONNECTION) != 0 && JdbcClassScan.PREPARE.contains(key)
                                    ? prepares
                                    : null;
            if (target == null) {
                return super.visitMethod(acc, name, desc, sig, exceptions);
            }
            changed = true;
            target.add(new String[] {name, desc, Integer.toString(acc), sig, String.join(",", arr(exceptions))});
            int renamed = (acc & ~(Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) | Opcodes.ACC_PRIVATE;
            return super.visitMethod(renamed | Opcodes.ACC_SYNTHETIC, "vigil$" + name, desc, sig, exceptions);
        }

        private static String[] arr(String[] a) {
            return a == null ? new String[0] : a;
        }

        @Override
        public void visitEnd() {
            if (!executes.isEmpty()) {
                hookField("vigil$jdbcStatementHook");
                writeHook("vigil$jdbcStatementHook", "INSTANCE");
                writeEnter();
                writeExit();
                for (String[] m : executes) {
                    writeExecute(m);
                }
            }
            if (!prepares.isEmpty()) {
                hookField("vigil$jdbcPreparedHook");
                writeHook("vigil$jdbcPreparedHook", "PREPARED");
                writeConsumer("vigil$jdbcPrepared", "vigil$jdbcPreparedHook");
                for (String[] m : prepares) {
                    writePrepare(m);
                }
            }
            if (pool) {
                hookField("vigil$jdbcPoolHook");
                writeHook("vigil$jdbcPoolHook", "POOL");
                writeConsumer("vigil$jdbcPool", "vigil$jdbcPoolHook");
            }
            super.visitEnd();
        }

        private void hookField(String name) {
            cv.visitField(
                            Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_VOLATILE | Opcodes.ACC_SYNTHETIC,
                            name,
                            "Ljava/lang/Object;",
                            null,
                            null)
                    .visitEnd();
        }

        /**
         * {@code static Object <field>()}: the callback object, looked up once through the system class loader
         * ({@code Boolean.FALSE} when it cannot be found).
         */
        private void writeHook(String field, String callbackField) {
            MethodVisitor mv = cv.visitMethod(
                    Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                    field,
                    "()Ljava/lang/Object;",
                    null,
                    null);
            mv.visitCode();
            Label lookup = new Label();
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            Label store = new Label();
            mv.visitTryCatchBlock(start, end, handler, THROWABLE);
            Object[] locals = {OBJECT};
            mv.visitFieldInsn(Opcodes.GETSTATIC, owner, field, "Ljava/lang/Object;");
            mv.visitVarInsn(Opcodes.ASTORE, 0);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitJumpInsn(Opcodes.IFNULL, lookup);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitLabel(lookup);
            mv.visitFrame(Opcodes.F_NEW, 1, locals, 0, new Object[0]);
            mv.visitLabel(start);
            mv.visitLdcInsn(CALLBACK);
            mv.visitInsn(Opcodes.ICONST_1);
            mv.visitMethodInsn(
                    Opcodes.INVOKESTATIC,
                    "java/lang/ClassLoader",
                    "getSystemClassLoader",
                    "()Ljava/lang/ClassLoader;",
                    false);
            mv.visitMethodInsn(
                    Opcodes.INVOKESTATIC,
                    "java/lang/Class",
                    "forName",
                    "(Ljava/lang/String;ZLjava/lang/ClassLoader;)Ljava/lang/Class;",
                    false);
            mv.visitLdcInsn(callbackField);
            mv.visitMethodInsn(
                    Opcodes.INVOKEVIRTUAL,
                    "java/lang/Class",
                    "getField",
                    "(Ljava/lang/String;)Ljava/lang/reflect/Field;",
                    false);
            mv.visitInsn(Opcodes.ACONST_NULL);
            mv.visitMethodInsn(
                    Opcodes.INVOKEVIRTUAL,
                    "java/lang/reflect/Field",
                    "get",
                    "(Ljava/lang/Object;)Ljava/lang/Object;",
                    false);
            mv.visitVarInsn(Opcodes.ASTORE, 0);
            mv.visitLabel(end);
            mv.visitJumpInsn(Opcodes.GOTO, store);
            mv.visitLabel(handler);
            mv.visitFrame(Opcodes.F_NEW, 1, locals, 1, new Object[] {THROWABLE});
            mv.visitInsn(Opcodes.POP);
            mv.visitFieldInsn(Opcodes.GETSTATIC, "java/lang/Boolean", "FALSE", "Ljava/lang/Boolean;");
            mv.visitVarInsn(Opcodes.ASTORE, 0);
            mv.visitLabel(store);
            mv.visitFrame(Opcodes.F_NEW, 1, locals, 0, new Object[0]);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitFieldInsn(Opcodes.PUTSTATIC, owner, field, "Ljava/lang/Object;");
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitMaxs(3, 1);
            mv.visitEnd();
        }

        /** {@code static Object vigil$jdbcEnter(Object stmt, Object sql)}: the callback's token, or null. */
        private void writeEnter() {
            MethodVisitor mv = cv.visitMethod(
                    Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                    "vigil$jdbcEnter",
                    "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;",
                    null,
                    null);
            mv.visitCode();
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            Label none = new Label();
            mv.visitTryCatchBlock(start, end, handler, THROWABLE);
            mv.visitLabel(start);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, "vigil$jdbcStatementHook", "()Ljava/lang/Object;", false);
            mv.visitVarInsn(Opcodes.ASTORE, 2);
            mv.visitVarInsn(Opcodes.ALOAD, 2);
            mv.visitTypeInsn(Opcodes.INSTANCEOF, "java/util/function/BiFunction");
            mv.visitJumpInsn(Opcodes.IFEQ, none);
            mv.visitVarInsn(Opcodes.ALOAD, 2);
            mv.visitTypeInsn(Opcodes.CHECKCAST, "java/util/function/BiFunction");
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitMethodInsn(
                    Opcodes.INVOKEINTERFACE,
                    "java/util/function/BiFunction",
                    "apply",
                    "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;",
                    true);
            mv.visitLabel(end);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitLabel(none);
            mv.visitFrame(Opcodes.F_NEW, 3, new Object[] {OBJECT, OBJECT, OBJECT}, 0, new Object[0]);
            mv.visitInsn(Opcodes.ACONST_NULL);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitLabel(handler);
            mv.visitFrame(Opcodes.F_NEW, 2, new Object[] {OBJECT, OBJECT}, 1, new Object[] {THROWABLE});
            mv.visitInsn(Opcodes.POP);
            mv.visitInsn(Opcodes.ACONST_NULL);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitMaxs(3, 3);
            mv.visitEnd();
        }

        /** {@code static void vigil$jdbcExit(Object token, Throwable thrown)}: nothing when the token is null. */
        private void writeExit() {
            MethodVisitor mv = cv.visitMethod(
                    Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                    "vigil$jdbcExit",
                    "(Ljava/lang/Object;Ljava/lang/Throwable;)V",
                    null,
                    null);
            mv.visitCode();
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            Label done = new Label();
            mv.visitTryCatchBlock(start, end, handler, THROWABLE);
            Object[] locals = {OBJECT, THROWABLE};
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitJumpInsn(Opcodes.IFNULL, done);
            mv.visitLabel(start);
            mv.visitFieldInsn(Opcodes.GETSTATIC, owner, "vigil$jdbcStatementHook", "Ljava/lang/Object;");
            mv.visitTypeInsn(Opcodes.CHECKCAST, "java/util/function/BiConsumer");
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitMethodInsn(
                    Opcodes.INVOKEINTERFACE,
                    "java/util/function/BiConsumer",
                    "accept",
                    "(Ljava/lang/Object;Ljava/lang/Object;)V",
                    true);
            mv.visitLabel(end);
            mv.visitLabel(done);
            mv.visitFrame(Opcodes.F_NEW, 2, locals, 0, new Object[0]);
            mv.visitInsn(Opcodes.RETURN);
            mv.visitLabel(handler);
            mv.visitFrame(Opcodes.F_NEW, 2, locals, 1, new Object[] {THROWABLE});
            mv.visitInsn(Opcodes.POP);
            mv.visitInsn(Opcodes.RETURN);
            mv.visitMaxs(3, 2);
            mv.visitEnd();
        }

        /** {@code static void <name>(Object a, Object b)}: hands both to the hook's {@code BiConsumer}, swallowing all. */
        private void writeConsumer(String name, String hook) {
            MethodVisitor mv = cv.visitMethod(
                    Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                    name,
                    "(Ljava/lang/Object;Ljava/lang/Object;)V",
                    null,
                    null);
            mv.visitCode();
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            Label done = new Label();
            mv.visitTryCatchBlock(start, end, handler, THROWABLE);
            mv.visitLabel(start);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, hook, "()Ljava/lang/Object;", false);
            mv.visitVarInsn(Opcodes.ASTORE, 2);
            mv.visitVarInsn(Opcodes.ALOAD, 2);
            mv.visitTypeInsn(Opcodes.INSTANCEOF, "java/util/function/BiConsumer");
            mv.visitJumpInsn(Opcodes.IFEQ, done);
            mv.visitVarInsn(Opcodes.ALOAD, 2);
            mv.visitTypeInsn(Opcodes.CHECKCAST, "java/util/function/BiConsumer");
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitMethodInsn(
                    Opcodes.INVOKEINTERFACE,
                    "java/util/function/BiConsumer",
                    "accept",
                    "(Ljava/lang/Object;Ljava/lang/Object;)V",
                    true);
            mv.visitLabel(end);
            mv.visitLabel(done);
            mv.visitFrame(Opcodes.F_NEW, 2, new Object[] {OBJECT, OBJECT}, 0, new Object[0]);
            mv.visitInsn(Opcodes.RETURN);
            mv.visitLabel(handler);
            mv.visitFrame(Opcodes.F_NEW, 2, new Object[] {OBJECT, OBJECT}, 1, new Object[] {THROWABLE});
            mv.visitInsn(Opcodes.POP);
            mv.visitInsn(Opcodes.RETURN);
            mv.visitMaxs(3, 3);
            mv.visitEnd();
        }

        /**
         * The replacement of an {@code execute*} method: {@code t = enter(this, sql | null | Boolean.TRUE); try { r =
         * vigil$name(args); } catch (Throwable e) { exit(t, e); throw e; } exit(t, null); return r;}
         */
        private void writeExecute(String[] m) {
            String name = m[0];
            String desc = m[1];
            int acc = Integer.parseInt(m[2]) & ~(Opcodes.ACC_SYNCHRONIZED);
            MethodVisitor mv = cv.visitMethod(acc, name, desc, m[3], exceptions(m[4]));
            mv.visitCode();
            Type[] args = Type.getArgumentTypes(desc);
            Type ret = Type.getReturnType(desc);
            int tokenSlot = 1;
            for (Type a : args) {
                tokenSlot += a.getSize();
            }
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            mv.visitTryCatchBlock(start, end, handler, THROWABLE);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            if (args.length > 0 && args[0].getSort() == Type.OBJECT) {
                mv.visitVarInsn(Opcodes.ALOAD, 1); // the SQL
            } else if (name.endsWith("Batch")) {
                mv.visitFieldInsn(Opcodes.GETSTATIC, "java/lang/Boolean", "TRUE", "Ljava/lang/Boolean;");
            } else {
                mv.visitInsn(Opcodes.ACONST_NULL); // a prepared statement: its SQL was seen at prepare time
            }
            mv.visitMethodInsn(
                    Opcodes.INVOKESTATIC,
                    owner,
                    "vigil$jdbcEnter",
                    "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;",
                    false);
            mv.visitVarInsn(Opcodes.ASTORE, tokenSlot);
            mv.visitLabel(start);
            loadArgs(mv, args);
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, "vigil$" + name, desc, false);
            mv.visitLabel(end);
            mv.visitVarInsn(Opcodes.ALOAD, tokenSlot);
            mv.visitInsn(Opcodes.ACONST_NULL);
            mv.visitMethodInsn(
                    Opcodes.INVOKESTATIC, owner, "vigil$jdbcExit", "(Ljava/lang/Object;Ljava/lang/Throwable;)V", false);
            mv.visitInsn(ret.getOpcode(Opcodes.IRETURN));
            mv.visitLabel(handler);
            List<Object> locals = new ArrayList<>();
            locals.add(owner);
            for (Type a : args) {
                locals.add(frameType(a));
            }
            locals.add(OBJECT);
            mv.visitFrame(Opcodes.F_NEW, locals.size(), locals.toArray(), 1, new Object[] {THROWABLE});
            mv.visitVarInsn(Opcodes.ASTORE, tokenSlot + 1);
            mv.visitVarInsn(Opcodes.ALOAD, tokenSlot);
            mv.visitVarInsn(Opcodes.ALOAD, tokenSlot + 1);
            mv.visitMethodInsn(
                    Opcodes.INVOKESTATIC, owner, "vigil$jdbcExit", "(Ljava/lang/Object;Ljava/lang/Throwable;)V", false);
            mv.visitVarInsn(Opcodes.ALOAD, tokenSlot + 1);
            mv.visitInsn(Opcodes.ATHROW);
            mv.visitMaxs(Math.max(tokenSlot, ret.getSize() + 2), tokenSlot + 2);
            mv.visitEnd();
        }

        /** The replacement of a {@code prepare*} method: {@code r = vigil$name(args); prepared(r, sql); return r;}. */
        private void writePrepare(String[] m) {
            String name = m[0];
            String desc = m[1];
            int acc = Integer.parseInt(m[2]) & ~(Opcodes.ACC_SYNCHRONIZED);
            MethodVisitor mv = cv.visitMethod(acc, name, desc, m[3], exceptions(m[4]));
            mv.visitCode();
            loadArgs(mv, Type.getArgumentTypes(desc));
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, "vigil$" + name, desc, false);
            mv.visitInsn(Opcodes.DUP);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitMethodInsn(
                    Opcodes.INVOKESTATIC,
                    owner,
                    "vigil$jdbcPrepared",
                    "(Ljava/lang/Object;Ljava/lang/Object;)V",
                    false);
            mv.visitInsn(Opcodes.ARETURN);
            int slots = Type.getArgumentsAndReturnSizes(desc) >> 2; // the arguments and this
            mv.visitMaxs(Math.max(slots, 3), slots);
            mv.visitEnd();
        }

        private static void loadArgs(MethodVisitor mv, Type[] args) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            int slot = 1;
            for (Type a : args) {
                mv.visitVarInsn(a.getOpcode(Opcodes.ILOAD), slot);
                slot += a.getSize();
            }
        }

        private static Object frameType(Type t) {
            switch (t.getSort()) {
                case Type.BOOLEAN:
                case Type.CHAR:
                case Type.BYTE:
                case Type.SHORT:
                case Type.INT:
                    return Opcodes.INTEGER;
                case Type.LONG:
                    return Opcodes.LONG;
                case Type.FLOAT:
                    return Opcodes.FLOAT;
                case Type.DOUBLE:
                    return Opcodes.DOUBLE;
                default:
                    return t.getInternalName();
            }
        }

        private static String[] exceptions(String joined) {
            return joined.isEmpty() ? null : joined.split(",");
        }
    }

    /** Calls {@code vigil$jdbcPool(this, config)} before every return of {@code HikariPool(HikariConfig)}. */
    private static final class PoolInit extends MethodVisitor {
        private final String owner;

        PoolInit(MethodVisitor next, String owner) {
            super(Opcodes.ASM9, next);
            this.owner = owner;
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.RETURN) {
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitVarInsn(Opcodes.ALOAD, 1);
                super.visitMethodInsn(
                        Opcodes.INVOKESTATIC,
                        owner,
                        "vigil$jdbcPool",
                        "(Ljava/lang/Object;Ljava/lang/Object;)V",
                        false);
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(Math.max(maxStack, 2), maxLocals);
        }
    }
}
