package dev.vigil.metrics.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Times {@code java.net.HttpURLConnection} calls: the JDK implementation {@code sun.net.www.protocol.http.
 * HttpURLConnection} (HTTPS goes through it too: {@code HttpsURLConnectionImpl} delegates to a subclass of it, so each
 * call is counted once). One measurement per connection, from the first of {@code connect}, {@code getOutputStream},
 * {@code getInputStream}, {@code getResponseCode} until the outermost of them returns with the response status known
 * ({@code getInputStream} / {@code getResponseCode}), or until any of them throws with no status (connection refused,
 * timeout). Nested calls ({@code getResponseCode} calls {@code getInputStream}) are not counted again.
 *
 * <p>Like {@link HttpClientInstrumentation}: plain ASM at load time; each public method is renamed and a wrapper added;
 * the woven code uses only {@code java.base} types and finds {@link UrlConnectionCallback#INSTANCE} once by reflection
 * through the system class loader, calling it as a {@code BiFunction}. Load-time only.
 */
final class UrlConnectionInstrumentation implements ClassFileTransformer {
    static final String IMPL = "sun/net/www/protocol/http/HttpURLConnection";
    private static final String SUPER = "java/net/HttpURLConnection";
    private static final String CALLBACK = "dev.vigil.metrics.agent.UrlConnectionCallback";
    private static final String HOOK = "vigil$hook";
    private static final String START = "vigil$start";
    private static final String DEPTH = "vigil$depth";
    private static final String DONE = "vigil$done";
    /** Wrapped methods; {@code true}: its normal return means the status is known. */
    private static final Map<String, Boolean> METHODS = Map.of(
            "connect()V", false,
            "getOutputStream()Ljava/io/OutputStream;", false,
            "getInputStream()Ljava/io/InputStream;", true,
            "getResponseCode()I", true);

    private UrlConnectionInstrumentation() {}

    static void install(Instrumentation inst) {
        inst.addTransformer(new UrlConnectionInstrumentation(), false);
    }

    @Override
    public byte[] transform(
            ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (!IMPL.equals(className) || redefined != null) {
            return null;
        }
        try {
            return weave(bytes);
        } catch (Throwable t) {
            AgentLog.warn("could not instrument java.net.HttpURLConnection: " + t);
            return null;
        }
    }

    /** The woven class, or null when its shape is not the expected one. */
    static byte[] weave(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        Wrapper wrapper = new Wrapper(writer);
        reader.accept(wrapper, 0);
        return wrapper.found.size() >= 3 ? writer.toByteArray() : null;
    }

    private static final class Wrapper extends ClassVisitor {
        private final Map<String, Integer> found = new HashMap<>();
        private String owner;

        Wrapper(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visit(int version, int acc, String name, String sig, String superName, String[] interfaces) {
            owner = name;
            super.visit(version, acc, name, sig, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int acc, String name, String desc, String sig, String[] exceptions) {
            String key = name + desc;
            if (METHODS.containsKey(key) && (acc & (Opcodes.ACC_STATIC | Opcodes.ACC_PUBLIC)) == Opcodes.ACC_PUBLIC) {
                found.put(key, acc);
                int renamed = (acc & ~Opcodes.ACC_PUBLIC) | Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC;
                return super.visitMethod(renamed, "vigil$" + name, desc, sig, exceptions);
            }
            return super.visitMethod(acc, name, desc, sig, exceptions);
        }

        @Override
        public void visitEnd() {
            if (found.size() >= 3) {
                int field = Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_TRANSIENT;
                cv.visitField(field, START, "J", null, null).visitEnd();
                cv.visitField(field, DEPTH, "I", null, null).visitEnd();
                cv.visitField(field, DONE, "Z", null, null).visitEnd();
                cv.visitField(
                                Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_VOLATILE | Opcodes.ACC_SYNTHETIC,
                                HOOK,
                                "Ljava/lang/Object;",
                                null,
                                null)
                        .visitEnd();
                for (Map.Entry<String, Boolean> m : METHODS.entrySet()) {
                    String key = m.getKey();
                    int paren = key.indexOf('(');
                    String name = key.substring(0, paren);
                    String desc = key.substring(paren);
                    Integer acc = found.get(key);
                    if (acc == null && !name.equals("getResponseCode")) {
                        continue;
                    }
                    writeWrapper(name, desc, acc == null ? Opcodes.ACC_PUBLIC : acc, acc != null, m.getValue());
                }
                writeEnter();
                writeExit();
            }
            super.visitEnd();
        }

        /** {@code enter(this); try { r = original(); } catch (Throwable t) { exit(this, t, ends); throw t; } ... */
        private void writeWrapper(String name, String desc, int acc, boolean declared, boolean ends) {
            int access = acc & ~(Opcodes.ACC_SYNCHRONIZED | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE);
            MethodVisitor mv = cv.visitMethod(access, name, desc, null, new String[] {"java/io/IOException"});
            mv.visitCode();
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, "vigil$enter", "(L" + owner + ";)V", false);
            mv.visitLabel(start);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            if (declared) {
                mv.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, "vigil$" + name, desc, false);
            } else {
                mv.visitMethodInsn(Opcodes.INVOKESPECIAL, SUPER, name, desc, false);
            }
            mv.visitLabel(end);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitInsn(Opcodes.ACONST_NULL);
            mv.visitInsn(ends ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
            mv.visitMethodInsn(
                    Opcodes.INVOKESTATIC, owner, "vigil$exit", "(L" + owner + ";Ljava/lang/Throwable;Z)V", false);
            mv.visitInsn(Type.getReturnType(desc).getOpcode(Opcodes.IRETURN));
            mv.visitLabel(handler);
            mv.visitFrame(Opcodes.F_NEW, 1, new Object[] {owner}, 1, new Object[] {"java/lang/Throwable"});
            mv.visitVarInsn(Opcodes.ASTORE, 1);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitInsn(ends ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
            mv.visitMethodInsn(
                    Opcodes.INVOKESTATIC, owner, "vigil$exit", "(L" + owner + ";Ljava/lang/Throwable;Z)V", false);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitInsn(Opcodes.ATHROW);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }

        /** {@code if (!c.done) { if (c.start == 0) c.start = System.nanoTime(); c.depth++; }} */
        private void writeEnter() {
            MethodVisitor mv = cv.visitMethod(
                    Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                    "vigil$enter",
                    "(L" + owner + ";)V",
                    null,
                    null);
            mv.visitCode();
            Object[] locals = {owner};
            Label started = new Label();
            Label ret = new Label();
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitFieldInsn(Opcodes.GETFIELD, owner, DONE, "Z");
            mv.visitJumpInsn(Opcodes.IFNE, ret);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitFieldInsn(Opcodes.GETFIELD, owner, START, "J");
            mv.visitInsn(Opcodes.LCONST_0);
            mv.visitInsn(Opcodes.LCMP);
            mv.visitJumpInsn(Opcodes.IFNE, started);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "nanoTime", "()J", false);
            mv.visitFieldInsn(Opcodes.PUTFIELD, owner, START, "J");
            mv.visitLabel(started);
            mv.visitFrame(Opcodes.F_NEW, 1, locals, 0, new Object[0]);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitInsn(Opcodes.DUP);
            mv.visitFieldInsn(Opcodes.GETFIELD, owner, DEPTH, "I");
            mv.visitInsn(Opcodes.ICONST_1);
            mv.visitInsn(Opcodes.IADD);
            mv.visitFieldInsn(Opcodes.PUTFIELD, owner, DEPTH, "I");
            mv.visitLabel(ret);
            mv.visitFrame(Opcodes.F_NEW, 1, locals, 0, new Object[0]);
            mv.visitInsn(Opcodes.RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }

        /**
         * {@code if (c.done || c.depth <= 0 || --c.depth != 0 || (t == null && !ends)) return; c.done = true;}
         * then {@code hook.apply(c, new Object[] {nanos, responseCode, t})}, every failure swallowed.
         */
        private void writeExit() {
            MethodVisitor mv = cv.visitMethod(
                    Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                    "vigil$exit",
                    "(L" + owner + ";Ljava/lang/Throwable;Z)V",
                    null,
                    null);
            mv.visitCode();
            Object[] locals = {owner, "java/lang/Throwable", Opcodes.INTEGER};
            Object[] withHook = {owner, "java/lang/Throwable", Opcodes.INTEGER, "java/lang/Object"};
            Object[] throwable = {"java/lang/Throwable"};
            Label ret = new Label();
            Label ending = new Label();
            Label callStart = new Label();
            Label callEnd = new Label();
            Label callHandler = new Label();
            mv.visitTryCatchBlock(callStart, callEnd, callHandler, "java/lang/Throwable");
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitFieldInsn(Opcodes.GETFIELD, owner, DONE, "Z");
            mv.visitJumpInsn(Opcodes.IFNE, ret);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitFieldInsn(Opcodes.GETFIELD, owner, DEPTH, "I");
            mv.visitJumpInsn(Opcodes.IFLE, ret);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitInsn(Opcodes.DUP);
            mv.visitFieldInsn(Opcodes.GETFIELD, owner, DEPTH, "I");
            mv.visitInsn(Opcodes.ICONST_1);
            mv.visitInsn(Opcodes.ISUB);
            mv.visitFieldInsn(Opcodes.PUTFIELD, owner, DEPTH, "I");
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitFieldInsn(Opcodes.GETFIELD, owner, DEPTH, "I");
            mv.visitJumpInsn(Opcodes.IFNE, ret);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitJumpInsn(Opcodes.IFNONNULL, ending);
            mv.visitVarInsn(Opcodes.ILOAD, 2);
            mv.visitJumpInsn(Opcodes.IFEQ, ret);
            mv.visitLabel(ending);
            mv.visitFrame(Opcodes.F_NEW, 3, locals, 0, new Object[0]);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitInsn(Opcodes.ICONST_1);
            mv.visitFieldInsn(Opcodes.PUTFIELD, owner, DONE, "Z");
            // local 3: the callback, or Boolean.FALSE when it cannot be found
            HookBytecode.cachedLookup(mv, owner, HOOK, CALLBACK, 3, withHook);
            mv.visitVarInsn(Opcodes.ALOAD, 3);
            mv.visitTypeInsn(Opcodes.INSTANCEOF, "java/util/function/BiFunction");
            mv.visitJumpInsn(Opcodes.IFEQ, ret);
            mv.visitLabel(callStart);
            mv.visitVarInsn(Opcodes.ALOAD, 3);
            mv.visitTypeInsn(Opcodes.CHECKCAST, "java/util/function/BiFunction");
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitInsn(Opcodes.ICONST_3);
            mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
            mv.visitInsn(Opcodes.DUP);
            mv.visitInsn(Opcodes.ICONST_0);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "nanoTime", "()J", false);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitFieldInsn(Opcodes.GETFIELD, owner, START, "J");
            mv.visitInsn(Opcodes.LSUB);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;", false);
            mv.visitInsn(Opcodes.AASTORE);
            mv.visitInsn(Opcodes.DUP);
            mv.visitInsn(Opcodes.ICONST_1);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitFieldInsn(Opcodes.GETFIELD, SUPER, "responseCode", "I");
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false);
            mv.visitInsn(Opcodes.AASTORE);
            mv.visitInsn(Opcodes.DUP);
            mv.visitInsn(Opcodes.ICONST_2);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitInsn(Opcodes.AASTORE);
            mv.visitMethodInsn(
                    Opcodes.INVOKEINTERFACE,
                    "java/util/function/BiFunction",
                    "apply",
                    "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;",
                    true);
            mv.visitInsn(Opcodes.POP);
            mv.visitLabel(callEnd);
            mv.visitInsn(Opcodes.RETURN);
            mv.visitLabel(callHandler);
            mv.visitFrame(Opcodes.F_NEW, 4, withHook, 1, throwable);
            mv.visitInsn(Opcodes.POP);
            mv.visitLabel(ret);
            mv.visitFrame(Opcodes.F_NEW, 3, locals, 0, new Object[0]);
            mv.visitInsn(Opcodes.RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
    }
}
