package dev.vigil.metrics.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Lets {@link ExecutorCallback} see thread pools: {@code java.util.concurrent.ThreadPoolExecutor} (so every subclass,
 * {@code ScheduledThreadPoolExecutor} included) and Tomcat's own {@code org.apache.tomcat.util.threads.
 * ThreadPoolExecutor} report each new instance (at the end of the constructor that initialises the fields), each
 * call of their rejection path {@code reject(Runnable)} and their termination ({@code terminated()}, so the tasks of a
 * pool shut down and collected between two scrapes still count; a subclass overriding it without calling
 * {@code super.terminated()} loses that); Jetty's {@code QueuedThreadPool} reports itself when it starts
 * ({@code doStart}, its name is final by then).
 *
 * <p>The woven code only adds instructions to existing methods (no field, no method), uses only {@code java.base}
 * types and finds {@link ExecutorCallback#INSTANCE} by reflection through the system class loader on each call, so the
 * same plain-ASM rewrite works at load time and as a retransformation when the class is already loaded (a
 * {@code java.base} class may be, e.g. at runtime attach). The lookup costs about a microsecond; constructors and
 * rejections are rare.
 */
final class ExecutorInstrumentation implements ClassFileTransformer {
    static final String JDK_POOL = "java/util/concurrent/ThreadPoolExecutor";
    static final String TOMCAT_POOL = "org/apache/tomcat/util/threads/ThreadPoolExecutor";
    static final String JETTY_POOL = "org/eclipse/jetty/util/thread/QueuedThreadPool";
    private static final String CALLBACK = "dev.vigil.metrics.agent.ExecutorCallback";

    private ExecutorInstrumentation() {}

    static void install(Instrumentation inst) {
        inst.addTransformer(new ExecutorInstrumentation(), true);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            String n = c.getName().replace('.', '/');
            if ((n.equals(JDK_POOL) || n.equals(TOMCAT_POOL) || n.equals(JETTY_POOL)) && inst.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        if (!loaded.isEmpty()) {
            try {
                inst.retransformClasses(loaded.toArray(new Class<?>[0]));
            } catch (Throwable t) {
                AgentLog.warn("could not instrument already loaded thread pool classes: " + t);
            }
        }
    }

    @Override
    public byte[] transform(
            ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (!(JDK_POOL.equals(className) || TOMCAT_POOL.equals(className) || JETTY_POOL.equals(className))) {
            return null;
        }
        try {
            byte[] woven = weave(bytes);
            if (woven != null && Boolean.getBoolean("vigil.metrics.debug")) {
                AgentLog.info("instrumented " + className.replace('/', '.'));
            }
            return woven;
        } catch (Throwable t) {
            AgentLog.warn("could not instrument " + className.replace('/', '.') + ": " + t);
            return null;
        }
    }

    /** The woven class, or null when nothing matched. */
    static byte[] weave(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        Set<String> initialising = HookBytecode.initialisingConstructors(reader);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        Weaver weaver = new Weaver(writer, initialising);
        reader.accept(weaver, ClassReader.EXPAND_FRAMES);
        return weaver.woven ? writer.toByteArray() : null;
    }

    private static final class Weaver extends ClassVisitor {
        private final Set<String> initialising;
        private String owner;
        private boolean jetty;
        boolean woven;

        Weaver(ClassVisitor next, Set<String> initialising) {
            super(Opcodes.ASM9, next);
            this.initialising = initialising;
        }

        @Override
        public void visit(int version, int acc, String name, String sig, String superName, String[] interfaces) {
            owner = name;
            jetty = name.equals(JETTY_POOL);
            super.visit(version, acc, name, sig, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int acc, String name, String desc, String sig, String[] exceptions) {
            MethodVisitor mv = super.visitMethod(acc, name, desc, sig, exceptions);
            if ((acc & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                return mv;
            }
            if (jetty && name.equals("doStart") && desc.equals("()V")) {
                woven = true;
                return atEntry(mv, "start", new Object[] {owner});
            }
            if (!jetty && name.equals("reject") && desc.equals("(Ljava/lang/Runnable;)V")) {
                woven = true;
                return atEntry(mv, "reject", new Object[] {owner, "java/lang/Runnable"});
            }
            if (!jetty && name.equals("terminated") && desc.equals("()V")) {
                woven = true;
                return atEntry(mv, "terminated", new Object[] {owner});
            }
            if (!jetty && name.equals("<init>") && initialising.contains(desc)) {
                woven = true;
                return beforeReturn(mv, "new", new Object[] {owner});
            }
            return mv;
        }

        private static MethodVisitor atEntry(MethodVisitor mv, String event, Object[] locals) {
            return new MethodVisitor(Opcodes.ASM9, mv) {
                @Override
                public void visitCode() {
                    super.visitCode();
                    HookBytecode.callBiConsumer(mv, CALLBACK, event, locals);
                }
            };
        }

        private static MethodVisitor beforeReturn(MethodVisitor mv, String event, Object[] locals) {
            return new MethodVisitor(Opcodes.ASM9, mv) {
                @Override
                public void visitInsn(int opcode) {
                    if (opcode == Opcodes.RETURN) {
                        HookBytecode.callBiConsumer(mv, CALLBACK, event, locals);
                    }
                    super.visitInsn(opcode);
                }
            };
        }
    }
}
