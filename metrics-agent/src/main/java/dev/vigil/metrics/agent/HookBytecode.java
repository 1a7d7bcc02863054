package dev.vigil.metrics.agent;

import java.util.HashSet;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Emits the bytecode that finds an agent callback from woven JDK or application code using only {@code java.base}
 * types: {@code Class.forName(callback, true, ClassLoader.getSystemClassLoader()).getField("INSTANCE").get(null)}. The
 * agent jar is always on the system class path, so nothing goes onto the boot class path.
 */
public final class HookBytecode {
    private HookBytecode() {}

    /**
     * Stores the callback in local {@code slot}: from the static field {@code owner.hookField} when it is set, else
     * looked up once and kept there ({@code Boolean.FALSE} when it cannot be found, so a missing agent is not asked
     * for again). {@code frameLocals} are the method's locals including {@code slot}; nothing is left on the stack.
     */
    static void cachedLookup(
            MethodVisitor mv, String owner, String hookField, String callbackClass, int slot, Object[] frameLocals) {
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        Label done = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
        mv.visitFieldInsn(Opcodes.GETSTATIC, owner, hookField, "Ljava/lang/Object;");
        mv.visitVarInsn(Opcodes.ASTORE, slot);
        mv.visitVarInsn(Opcodes.ALOAD, slot);
        mv.visitJumpInsn(Opcodes.IFNONNULL, done);
        mv.visitLabel(start);
        lookup(mv, callbackClass);
        mv.visitVarInsn(Opcodes.ASTORE, slot);
        mv.visitLabel(end);
        mv.visitVarInsn(Opcodes.ALOAD, slot);
        mv.visitFieldInsn(Opcodes.PUTSTATIC, owner, hookField, "Ljava/lang/Object;");
        mv.visitJumpInsn(Opcodes.GOTO, done);
        mv.visitLabel(handler);
        mv.visitFrame(Opcodes.F_NEW, frameLocals.length, frameLocals, 1, new Object[] {"java/lang/Throwable"});
        mv.visitInsn(Opcodes.POP);
        mv.visitFieldInsn(Opcodes.GETSTATIC, "java/lang/Boolean", "FALSE", "Ljava/lang/Boolean;");
        mv.visitVarInsn(Opcodes.ASTORE, slot);
        mv.visitVarInsn(Opcodes.ALOAD, slot);
        mv.visitFieldInsn(Opcodes.PUTSTATIC, owner, hookField, "Ljava/lang/Object;");
        mv.visitLabel(done);
        mv.visitFrame(Opcodes.F_NEW, frameLocals.length, frameLocals, 0, new Object[0]);
    }

    /**
     * Leaves the callback instance on the stack. Throws (inside the woven code) when it cannot be found, so callers wrap
     * it in a {@code try/catch Throwable}.
     */
    public static void lookup(MethodVisitor mv, String callbackClass) {
        mv.visitLdcInsn(callbackClass);
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
        mv.visitLdcInsn("INSTANCE");
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
    }

    /**
     * Emits {@code try { ((BiConsumer) lookup()).accept(this, event); } catch (Throwable ignored) {}} at the current
     * position of an instance method whose stack is empty here. Adds no field or method, so it also works when
     * retransforming an already loaded class. The frame after it repeats {@code frameLocals}.
     */
    static void callBiConsumer(MethodVisitor mv, String callbackClass, String event, Object[] frameLocals) {
        callBiConsumer(mv, callbackClass, event, frameLocals, null);
    }

    /**
     * Like {@link #callBiConsumer(MethodVisitor, String, String, Object[])}, but passes the class {@code staticOwner}
     * instead of {@code this} when it is not null (for a static initialiser).
     */
    static void callBiConsumer(
            MethodVisitor mv, String callbackClass, String event, Object[] frameLocals, String staticOwner) {
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        Label done = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
        mv.visitLabel(start);
        lookup(mv, callbackClass);
        mv.visitTypeInsn(Opcodes.CHECKCAST, "java/util/function/BiConsumer");
        if (staticOwner != null) {
            mv.visitLdcInsn(Type.getObjectType(staticOwner));
        } else {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
        }
        mv.visitLdcInsn(event);
        mv.visitMethodInsn(
                Opcodes.INVOKEINTERFACE,
                "java/util/function/BiConsumer",
                "accept",
                "(Ljava/lang/Object;Ljava/lang/Object;)V",
                true);
        mv.visitLabel(end);
        mv.visitJumpInsn(Opcodes.GOTO, done);
        mv.visitLabel(handler);
        mv.visitFrame(Opcodes.F_NEW, frameLocals.length, frameLocals, 1, new Object[] {"java/lang/Throwable"});
        mv.visitInsn(Opcodes.POP);
        mv.visitLabel(done);
        mv.visitFrame(Opcodes.F_NEW, frameLocals.length, frameLocals, 0, new Object[0]);
        // keeps this frame apart from a frame the original code may have at the next instruction
        mv.visitInsn(Opcodes.NOP);
    }

    /** Constructors that call the super constructor (not another constructor of the same class). */
    static Set<String> initialisingConstructors(ClassReader reader) {
        Set<String> all = new HashSet<>();
        Set<String> delegating = new HashSet<>();
        String owner = reader.getClassName();
        reader.accept(
                new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(
                            int acc, String name, String desc, String sig, String[] exceptions) {
                        if (!name.equals("<init>")) {
                            return null;
                        }
                        all.add(desc);
                        return new MethodVisitor(Opcodes.ASM9) {
                            @Override
                            public void visitMethodInsn(int op, String o, String n, String d, boolean itf) {
                                if (op == Opcodes.INVOKESPECIAL && n.equals("<init>") && o.equals(owner)) {
                                    delegating.add(desc);
                                }
                            }
                        };
                    }
                },
                ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        all.removeAll(delegating);
        return all;
    }
}
