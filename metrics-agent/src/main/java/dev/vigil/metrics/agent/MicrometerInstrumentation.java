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
 * Lets {@link MicrometerCallback} see the application's own Micrometer (any 1.x, any class loader; never the agent's
 * relocated copy): every {@code io.micrometer.core.instrument.MeterRegistry} the application creates reports itself at
 * the end of its initialising constructor (Spring Boot's registries are beans, not the global registry), and
 * {@code io.micrometer.core.instrument.Metrics} reports itself at the end of its static initialiser, so the agent
 * attaches to {@code Metrics.globalRegistry} before the application can count anything into it.
 *
 * <p>Like {@link ExecutorInstrumentation}, the woven code only adds instructions (no field, no method), uses only
 * {@code java.base} types and finds {@link MicrometerCallback#INSTANCE} through the system class loader, so the same
 * rewrite works at load time and as a retransformation.
 */
final class MicrometerInstrumentation implements ClassFileTransformer {
    /** Built at run time so that the shade plugin leaves them alone (they name the application's Micrometer). */
    static final String REGISTRY = String.join("/", "io", "micrometer", "core", "instrument", "MeterRegistry");

    static final String METRICS = String.join("/", "io", "micrometer", "core", "instrument", "Metrics");
    private static final String CALLBACK = "dev.vigil.metrics.agent.MicrometerCallback";

    private MicrometerInstrumentation() {}

    static void install(Instrumentation inst) {
        inst.addTransformer(new MicrometerInstrumentation(), true);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getName().replace('.', '/').equals(REGISTRY) && inst.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        if (!loaded.isEmpty()) {
            try {
                inst.retransformClasses(loaded.toArray(new Class<?>[0]));
            } catch (Throwable t) {
                AgentLog.warn("could not instrument the application's loaded Micrometer registries: " + t);
            }
        }
    }

    @Override
    public byte[] transform(
            ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        boolean registry = REGISTRY.equals(className);
        if (!registry && !(METRICS.equals(className) && redefined == null)) {
            return null;
        }
        try {
            return weave(bytes, registry);
        } catch (Throwable t) {
            AgentLog.warn("could not instrument " + className.replace('/', '.') + ": " + t);
            return null;
        }
    }

    /** The woven class, or null when nothing matched. */
    static byte[] weave(byte[] bytes, boolean registry) {
        ClassReader reader = new ClassReader(bytes);
        Set<String> initialising = registry ? HookBytecode.initialisingConstructors(reader) : Set.of();
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        boolean[] woven = {false};
        reader.accept(
                new ClassVisitor(Opcodes.ASM9, writer) {
                    private String owner;

                    @Override
                    public void visit(int v, int acc, String name, String sig, String superName, String[] itfs) {
                        owner = name;
                        super.visit(v, acc, name, sig, superName, itfs);
                    }

                    @Override
                    public MethodVisitor visitMethod(int acc, String name, String desc, String sig, String[] exc) {
                        MethodVisitor mv = super.visitMethod(acc, name, desc, sig, exc);
                        if (registry && name.equals("<init>") && initialising.contains(desc)) {
                            woven[0] = true;
                            return beforeReturn(mv, "registry", new Object[] {owner}, null);
                        }
                        if (!registry && name.equals("<clinit>")) {
                            woven[0] = true;
                            return beforeReturn(mv, "global", new Object[0], owner);
                        }
                        return mv;
                    }
                },
                ClassReader.EXPAND_FRAMES);
        return woven[0] ? writer.toByteArray() : null;
    }

    private static MethodVisitor beforeReturn(MethodVisitor mv, String event, Object[] locals, String staticOwner) {
        return new MethodVisitor(Opcodes.ASM9, mv) {
            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.RETURN) {
                    HookBytecode.callBiConsumer(mv, CALLBACK, event, locals, staticOwner);
                }
                super.visitInsn(opcode);
            }
        };
    }
}
