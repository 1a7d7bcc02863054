package dev.vigil.metrics.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Times {@code java.net.http.HttpClient} calls ({@code send} and {@code sendAsync} both go through the private
 * {@code HttpClientImpl#sendAsync(request, handler, pushHandler, executor)}). The woven JDK code uses only
 * {@code java.base} types: it finds {@link HttpClientCallback#INSTANCE} once by reflection through the system class
 * loader, keeps it in a static field it adds, and calls it as a {@code BiFunction}. Nothing is appended to the boot
 * class path (that would switch off class data sharing for application classes). Load-time only: a client class
 * already loaded when the agent is attached at run time is left alone.
 */
final class HttpClientInstrumentation implements ClassFileTransformer {
    private static final String IMPL = "jdk/internal/net/http/HttpClientImpl";
    private static final String SEND_ASYNC = "(Ljava/net/http/HttpRequest;Ljava/net/http/HttpResponse$BodyHandler;"
            + "Ljava/net/http/HttpResponse$PushPromiseHandler;Ljava/util/concurrent/Executor;)"
            + "Ljava/util/concurrent/CompletableFuture;";
    private static final String HOOK_FIELD = "vigil$hook";
    private static final String CALLBACK = "dev.vigil.metrics.agent.HttpClientCallback";
    private static final String SENT =
            "(Ljava/util/concurrent/CompletableFuture;Ljava/net/http/HttpRequest;J)Ljava/util/concurrent/CompletableFuture;";

    private HttpClientInstrumentation() {}

    static void install(Instrumentation inst) {
        inst.addTransformer(new HttpClientInstrumentation(), false);
    }

    @Override
    public byte[] transform(
            ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (!IMPL.equals(className) || redefined != null) {
            return null;
        }
        try {
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            Wrapper wrapper = new Wrapper(writer);
            reader.accept(wrapper, 0);
            return wrapper.wrapped ? writer.toByteArray() : null;
        } catch (Throwable t) {
            AgentLog.warn("could not instrument java.net.http.HttpClient: " + t);
            return null;
        }
    }

    /** Renames {@code sendAsync(4 args)} and adds one that hands the returned future to the hook. */
    private static final class Wrapper extends ClassVisitor {
        private boolean wrapped;
        private String owner;
        private int access;

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
            if (name.equals("sendAsync") && desc.equals(SEND_ASYNC) && (acc & Opcodes.ACC_STATIC) == 0) {
                wrapped = true;
                access = acc;
                int renamed = (acc & ~(Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) | Opcodes.ACC_PRIVATE;
                return super.visitMethod(renamed | Opcodes.ACC_SYNTHETIC, "vigil$sendAsync", desc, sig, exceptions);
            }
            return super.visitMethod(acc, name, desc, sig, exceptions);
        }

        /**
         * {@code static CompletableFuture vigil$sent(cf, request, start)}: looks the callback up once (Boolean.FALSE
         * when it cannot be found), calls it with {@code {request, start}}, swallows everything, returns {@code cf}.
         */
        private void writeSent() {
            MethodVisitor mv = cv.visitMethod(
                    Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, "vigil$sent", SENT, null, null);
            mv.visitCode();
            Label callStart = new Label();
            Label callEnd = new Label();
            Label callHandler = new Label();
            Label done = new Label();
            mv.visitTryCatchBlock(callStart, callEnd, callHandler, "java/lang/Throwable");
            Object[] locals = {
                "java/util/concurrent/CompletableFuture", "java/net/http/HttpRequest", Opcodes.LONG, "java/lang/Object"
            };
            Object[] throwable = {"java/lang/Throwable"};
            // local 4: the callback, or Boolean.FALSE when it could not be found
            HookBytecode.cachedLookup(mv, owner, HOOK_FIELD, CALLBACK, 4, locals);
            mv.visitVarInsn(Opcodes.ALOAD, 4);
            mv.visitTypeInsn(Opcodes.INSTANCEOF, "java/util/function/BiFunction");
            mv.visitJumpInsn(Opcodes.IFEQ, done);
            mv.visitLabel(callStart);
            mv.visitVarInsn(Opcodes.ALOAD, 4);
            mv.visitTypeInsn(Opcodes.CHECKCAST, "java/util/function/BiFunction");
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitInsn(Opcodes.ICONST_2);
            mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
            mv.visitInsn(Opcodes.DUP);
            mv.visitInsn(Opcodes.ICONST_0);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitInsn(Opcodes.AASTORE);
            mv.visitInsn(Opcodes.DUP);
            mv.visitInsn(Opcodes.ICONST_1);
            mv.visitVarInsn(Opcodes.LLOAD, 2);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;", false);
            mv.visitInsn(Opcodes.AASTORE);
            mv.visitMethodInsn(
                    Opcodes.INVOKEINTERFACE,
                    "java/util/function/BiFunction",
                    "apply",
                    "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;",
                    true);
            mv.visitInsn(Opcodes.POP);
            mv.visitLabel(callEnd);
            mv.visitLabel(done);
            mv.visitFrame(Opcodes.F_NEW, 4, locals, 0, new Object[0]);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitLabel(callHandler);
            mv.visitFrame(Opcodes.F_NEW, 4, locals, 1, throwable);
            mv.visitInsn(Opcodes.POP);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }

        @Override
        public void visitEnd() {
            if (wrapped) {
                MethodVisitor mv = cv.visitMethod(access, "sendAsync", SEND_ASYNC, null, null);
                mv.visitCode();
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "nanoTime", "()J", false);
                mv.visitVarInsn(Opcodes.LSTORE, 5);
                for (int i = 0; i <= 4; i++) {
                    mv.visitVarInsn(Opcodes.ALOAD, i);
                }
                mv.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, "vigil$sendAsync", SEND_ASYNC, false);
                mv.visitVarInsn(Opcodes.ALOAD, 1);
                mv.visitVarInsn(Opcodes.LLOAD, 5);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, "vigil$sent", SENT, false);
                mv.visitInsn(Opcodes.ARETURN);
                mv.visitMaxs(0, 0);
                mv.visitEnd();
                cv.visitField(
                                Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_VOLATILE | Opcodes.ACC_SYNTHETIC,
                                HOOK_FIELD,
                                "Ljava/lang/Object;",
                                null,
                                null)
                        .visitEnd();
                writeSent();
            }
            super.visitEnd();
        }
    }
}
