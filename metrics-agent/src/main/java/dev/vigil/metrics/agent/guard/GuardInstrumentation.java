package dev.vigil.metrics.agent.guard;

import dev.vigil.metrics.agent.AgentLog;
import dev.vigil.metrics.agent.HookBytecode;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.ConstantDynamic;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Weaves the guard's hooks: at the entry of each guarded method, before it does anything, {@code r =
 * ((BiFunction) GuardCallback.INSTANCE).apply(kind, payload)} (the callback found by reflection through the system
 * class loader, as the agent's other JDK hooks do), and {@code throw r} when it is a {@code RuntimeException}. A
 * failure to find or run the callback is swallowed: only a deliberate block reaches the application.
 *
 * <p>Only instructions are added (no field, no method), so the same rewrite serves a class being loaded, an already
 * loaded JDK class retransformed at start or at runtime attach, and a later retransformation by another agent.
 */
final class GuardInstrumentation implements ClassFileTransformer {
    private static final String CALLBACK = "dev.vigil.metrics.agent.guard.GuardCallback";
    /** The agent's own classes (with the libraries it shades): never a script engine, a third of the classes at start. */
    private static final String OWN_CLASSES = "dev/vigil/metrics/";

    private static final ClassLoader OWN_LOADER = GuardInstrumentation.class.getClassLoader();

    private static final Handle INVOKE = new Handle(
            Opcodes.H_INVOKESTATIC,
            "java/lang/invoke/ConstantBootstraps",
            "invoke",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;Ljava/lang/invoke/MethodHandle;"
                    + "[Ljava/lang/Object;)Ljava/lang/Object;",
            false);

    /**
     * {@code GuardCallback.INSTANCE} as a dynamic constant built only from {@code java.base} bootstraps (woven JDK classes
     * cannot name the agent's classes): {@code ClassLoader.getSystemClassLoader().loadClass(CALLBACK)
     * .getField("INSTANCE").get(null)}, resolved by the first call of each woven class and a constant after that, so a
     * guarded call no longer pays the reflective look-up (~0.3 µs). Adds constant-pool entries and bootstrap methods
     * only, no field or method: the class stays retransformable.
     */
    static final ConstantDynamic CALLBACK_CONSTANT = callbackConstant();

    private static ConstantDynamic callbackConstant() {
        ConstantDynamic loader = new ConstantDynamic(
                "systemClassLoader",
                "Ljava/lang/ClassLoader;",
                INVOKE,
                new Handle(
                        Opcodes.H_INVOKESTATIC,
                        "java/lang/ClassLoader",
                        "getSystemClassLoader",
                        "()Ljava/lang/ClassLoader;",
                        false));
        ConstantDynamic type = new ConstantDynamic(
                "callbackClass",
                "Ljava/lang/Class;",
                INVOKE,
                new Handle(
                        Opcodes.H_INVOKEVIRTUAL,
                        "java/lang/ClassLoader",
                        "loadClass",
                        "(Ljava/lang/String;)Ljava/lang/Class;",
                        false),
                loader,
                CALLBACK);
        ConstantDynamic field = new ConstantDynamic(
                "callbackField",
                "Ljava/lang/reflect/Field;",
                INVOKE,
                new Handle(
                        Opcodes.H_INVOKEVIRTUAL,
                        "java/lang/Class",
                        "getField",
                        "(Ljava/lang/String;)Ljava/lang/reflect/Field;",
                        false),
                type,
                "INSTANCE");
        ConstantDynamic none = new ConstantDynamic(
                "none",
                "Ljava/lang/Object;",
                new Handle(
                        Opcodes.H_INVOKESTATIC,
                        "java/lang/invoke/ConstantBootstraps",
                        "nullConstant",
                        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;",
                        false));
        return new ConstantDynamic(
                "vigilGuardCallback",
                "Ljava/lang/Object;",
                INVOKE,
                new Handle(
                        Opcodes.H_INVOKEVIRTUAL,
                        "java/lang/reflect/Field",
                        "get",
                        "(Ljava/lang/Object;)Ljava/lang/Object;",
                        false),
                field,
                none);
    }

    /** class → method name + descriptor → kind and payload ("this", "a1" = object argument in slot 1, "i2" = int). */
    private final Map<String, Map<String, Hook>> hooks = new HashMap<>();

    /**
     * The methods of a JSR-223 script engine (a class extending {@code AbstractScriptEngine} or implementing
     * {@code ScriptEngine} / {@code Compilable} itself: Nashorn, Groovy, Rhino, JRuby, ...) every way of running text
     * ends in: {@code eval(String|Reader, ScriptContext)} and {@code compile(String|Reader)}.
     */
    static final Map<String, Hook> SCRIPT_ENGINE = Map.of(
            "eval(Ljava/lang/String;Ljavax/script/ScriptContext;)Ljava/lang/Object;",
            new Hook("script", new String[] {"this", "a1"}),
            "eval(Ljava/io/Reader;Ljavax/script/ScriptContext;)Ljava/lang/Object;",
            new Hook("script", new String[] {"this", "a1"}),
            "compile(Ljava/lang/String;)Ljavax/script/CompiledScript;",
            new Hook("script", new String[] {"this", "a1"}),
            "compile(Ljava/io/Reader;)Ljavax/script/CompiledScript;",
            new Hook("script", new String[] {"this", "a1"}));

    private static final java.util.Set<String> SCRIPT_TYPES = java.util.Set.of(
            "javax/script/AbstractScriptEngine", "javax/script/ScriptEngine", "javax/script/Compilable");

    GuardInstrumentation(boolean egress) {
        hook(
                "java/lang/ProcessBuilder",
                "start([Ljava/lang/ProcessBuilder$Redirect;)Ljava/lang/Process;",
                "process",
                "this");
        for (String m : new String[] {"lookup", "lookupLink"}) {
            hook("javax/naming/InitialContext", m + "(Ljava/lang/String;)Ljava/lang/Object;", "jndi", "a1");
            hook("javax/naming/InitialContext", m + "(Ljavax/naming/Name;)Ljava/lang/Object;", "jndi", "a1");
        }
        hook("java/io/ObjectInputStream", "filterCheck(Ljava/lang/Class;I)V", "deserialize", "a1");
        hook("java/io/FileInputStream", "open(Ljava/lang/String;)V", "file.read", "a1");
        hook("java/io/FileOutputStream", "open(Ljava/lang/String;Z)V", "file.write", "a1");
        hook("java/io/RandomAccessFile", "open(Ljava/lang/String;I)V", "file.raf", "a1", "i2");
        String nio = "(Ljava/nio/file/Path;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)";
        hook(
                "sun/nio/fs/UnixFileSystemProvider",
                "newByteChannel" + nio + "Ljava/nio/channels/SeekableByteChannel;",
                "file.nio",
                "a1",
                "a2");
        hook(
                "sun/nio/fs/UnixFileSystemProvider",
                "newFileChannel" + nio + "Ljava/nio/channels/FileChannel;",
                "file.nio",
                "a1",
                "a2");
        hook(
                "sun/nio/fs/UnixFileSystemProvider",
                "newAsynchronousFileChannel(Ljava/nio/file/Path;Ljava/util/Set;Ljava/util/concurrent/ExecutorService;"
                        + "[Ljava/nio/file/attribute/FileAttribute;)Ljava/nio/channels/AsynchronousFileChannel;",
                "file.nio",
                "a1",
                "a2");
        String twoPaths = "(Ljava/nio/file/Path;Ljava/nio/file/Path;[Ljava/nio/file/CopyOption;)V";
        hook("sun/nio/fs/UnixFileSystemProvider", "copy" + twoPaths, "file.copy", "a1", "a2");
        hook("sun/nio/fs/UnixFileSystemProvider", "move" + twoPaths, "file.move", "a1", "a2");
        hook("java/net/URLClassLoader", "findClass(Ljava/lang/String;)Ljava/lang/Class;", "classload", "this", "a1");
        for (String m : ScriptText.ABSTRACT_ENGINE_HOOKS) {
            hook("javax/script/AbstractScriptEngine", m, "script", "this", "a1");
        }
        hook(
                "org/springframework/expression/spel/standard/SpelExpressionParser",
                "doParseExpression(Ljava/lang/String;Lorg/springframework/expression/ParserContext;)"
                        + "Lorg/springframework/expression/spel/standard/SpelExpression;",
                "script",
                "this",
                "a1");
        if (egress) {
            hook("sun/nio/ch/NioSocketImpl", "connect(Ljava/net/SocketAddress;I)V", "connect", "a1");
            hook("sun/nio/ch/SocketChannelImpl", "connect(Ljava/net/SocketAddress;)Z", "connect", "a1");
        }
    }

    private void hook(String owner, String method, String kind, String... payload) {
        Map<String, Hook> methods = hooks.get(owner);
        if (methods == null) {
            methods = new HashMap<>();
            hooks.put(owner, methods);
        }
        methods.put(method, new Hook(kind, payload));
    }

    /** Registers the transformer and retransforms the guarded classes that are already loaded. */
    static void install(Instrumentation inst, boolean egress) {
        GuardInstrumentation t = new GuardInstrumentation(egress);
        inst.addTransformer(t, true);
        // one pass over the ~2,000 classes loaded at start, comparing their names as they are (no copy per class); the
        // script engines' supertypes are only looked at when a javax.script type is loaded at all (an engine's
        // supertypes are loaded before it: a runtime attach to an app that uses one)
        java.util.Set<String> hooked = new java.util.HashSet<>();
        for (String owner : t.hooks.keySet()) {
            hooked.add(owner.replace('/', '.'));
        }
        List<Class<?>> loaded = new ArrayList<>();
        Class<?>[] all = inst.getAllLoadedClasses();
        boolean scripting = false;
        for (Class<?> c : all) {
            String name = c.getName();
            if (hooked.contains(name)) {
                loaded.add(c);
            } else if (name.startsWith("javax.script.")) {
                scripting = true;
            }
        }
        if (scripting) {
            for (Class<?> c : all) {
                if (!hooked.contains(c.getName()) && scriptEngine(c)) {
                    loaded.add(c);
                }
            }
        }
        loaded.removeIf(c -> !inst.isModifiableClass(c));
        if (loaded.isEmpty()) {
            return;
        }
        try {
            inst.retransformClasses(loaded.toArray(new Class<?>[0])); // one pass of the JVM for all of them
            return;
        } catch (Throwable e) {
            // one class refused: the others one by one, so that only that one stays unguarded
        }
        for (Class<?> c : loaded) {
            try {
                inst.retransformClasses(c);
            } catch (Throwable e) {
                AgentLog.warn("guard: could not instrument " + c.getName() + ": " + e);
            }
        }
    }

    /** A loaded class that {@link #transform} weaves as a script engine (runtime attach: engines already in use). */
    private static boolean scriptEngine(Class<?> c) {
        Class<?> superclass = c.getSuperclass();
        if (superclass != null && superclass.getName().equals("javax.script.AbstractScriptEngine")) {
            return true;
        }
        for (Class<?> itf : c.getInterfaces()) {
            if (SCRIPT_TYPES.contains(itf.getName().replace('.', '/'))) {
                return true;
            }
        }
        return false;
    }

    /** The engine methods to weave when {@code bytes} declare a script engine, else null; reads the header only. */
    static Map<String, Hook> scriptEngine(byte[] bytes) {
        if (!mentionsJavaxScript(bytes)) {
            return null; // nearly every class: one pass over the bytes, no parsing
        }
        ClassReader header = new ClassReader(bytes);
        if ((header.getAccess() & Opcodes.ACC_INTERFACE) != 0) {
            return null;
        }
        if (SCRIPT_TYPES.contains(header.getSuperName())) {
            return SCRIPT_ENGINE;
        }
        for (String itf : header.getInterfaces()) {
            if (SCRIPT_TYPES.contains(itf)) {
                return SCRIPT_ENGINE;
            }
        }
        return null;
    }

    private static final byte[] JAVAX_SCRIPT = "javax/script/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Horspool's shift for each byte value: how far the pattern may move when that byte ends the window. */
    private static final int[] JAVAX_SCRIPT_SHIFT = shifts(JAVAX_SCRIPT);

    private static int[] shifts(byte[] what) {
        int[] shift = new int[256];
        java.util.Arrays.fill(shift, what.length);
        for (int i = 0; i < what.length - 1; i++) {
            shift[what[i] & 0xFF] = what.length - 1 - i;
        }
        return shift;
    }

    /**
     * Whether {@code bytes} contain {@code javax/script/}: Horspool's search, which moves ahead by up to 13 bytes at a
     * time (every class the application loads passes here; the plain byte-by-byte scan was 6–10 ms of start-up).
     */
    static boolean mentionsJavaxScript(byte[] bytes) {
        byte[] what = JAVAX_SCRIPT;
        int m = what.length;
        int[] shift = JAVAX_SCRIPT_SHIFT;
        int i = 0;
        int last = bytes.length - m;
        while (i <= last) {
            int j = m - 1;
            while (bytes[i + j] == what[j]) {
                if (j == 0) {
                    return true;
                }
                j--;
            }
            i += shift[bytes[i + m - 1] & 0xFF];
        }
        return false;
    }

    @Override
    public byte[] transform(
            ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        Map<String, Hook> methods = className == null ? null : hooks.get(className);
        if (methods == null
                && className != null
                && loader != null
                && !className.startsWith("java/")
                && !(loader == OWN_LOADER && className.startsWith(OWN_CLASSES))) {
            try {
                methods = scriptEngine(bytes);
            } catch (RuntimeException e) {
                methods = null; // a class ASM cannot read is no concern of the guard
            }
        }
        if (methods == null) {
            return null;
        }
        try {
            byte[] woven = weave(bytes, methods);
            if (woven != null && Boolean.getBoolean("vigil.metrics.debug")) {
                AgentLog.info("guard: instrumented " + className.replace('/', '.'));
            }
            return woven;
        } catch (Throwable t) {
            AgentLog.warn("guard: could not instrument " + className.replace('/', '.') + ": " + t);
            return null;
        }
    }

    static byte[] weave(byte[] bytes, Map<String, Hook> methods) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        boolean[] woven = {false};
        reader.accept(
                new ClassVisitor(Opcodes.ASM9, writer) {
                    private String owner;
                    private boolean constantDynamic;

                    @Override
                    public void visit(int v, int acc, String name, String sig, String superName, String[] itfs) {
                        owner = name;
                        constantDynamic = (v & 0xFFFF) >= Opcodes.V11;
                        super.visit(v, acc, name, sig, superName, itfs);
                    }

                    @Override
                    public MethodVisitor visitMethod(int acc, String name, String desc, String sig, String[] exc) {
                        MethodVisitor mv = super.visitMethod(acc, name, desc, sig, exc);
                        Hook hook = methods.get(name + desc);
                        if (hook == null || (acc & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                            return mv;
                        }
                        woven[0] = true;
                        Object[] locals = locals(owner, (acc & Opcodes.ACC_STATIC) != 0, desc);
                        return new MethodVisitor(Opcodes.ASM9, mv) {
                            @Override
                            public void visitCode() {
                                super.visitCode();
                                emit(mv, hook, locals, constantDynamic);
                            }
                        };
                    }
                },
                ClassReader.EXPAND_FRAMES);
        return woven[0] ? writer.toByteArray() : null;
    }

    /**
     * The hook at method entry; the stack is empty before and after it. In a class file of Java 11 or later the callback
     * is a dynamic constant of the woven class ({@link #CALLBACK_CONSTANT}: found once, by the first call, then a
     * constant the JIT folds), else, and whenever that constant cannot be resolved, it is looked up by reflection on each
     * call.
     */
    static void emit(MethodVisitor mv, Hook hook, Object[] locals, boolean constantDynamic) {
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        Label check = new Label();
        Label done = new Label();
        if (constantDynamic) {
            Label afterConstant = new Label();
            Label reflective = new Label();
            Label found = new Label();
            // listed first: a failed resolution (sticky, as the JVM keeps it) falls back to the reflective look-up
            mv.visitTryCatchBlock(start, afterConstant, reflective, "java/lang/Throwable");
            mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
            mv.visitLabel(start);
            mv.visitLdcInsn(CALLBACK_CONSTANT);
            mv.visitLabel(afterConstant);
            mv.visitJumpInsn(Opcodes.GOTO, found);
            mv.visitLabel(reflective);
            mv.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
            mv.visitInsn(Opcodes.POP);
            HookBytecode.lookup(mv, CALLBACK);
            mv.visitLabel(found);
            mv.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Object"});
        } else {
            mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
            mv.visitLabel(start);
            HookBytecode.lookup(mv, CALLBACK);
        }
        mv.visitTypeInsn(Opcodes.CHECKCAST, "java/util/function/BiFunction");
        mv.visitLdcInsn(hook.kind);
        if (hook.payload.length == 1) {
            push(mv, hook.payload[0]);
        } else {
            mv.visitLdcInsn(hook.payload.length);
            mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
            for (int i = 0; i < hook.payload.length; i++) {
                mv.visitInsn(Opcodes.DUP);
                mv.visitLdcInsn(i);
                push(mv, hook.payload[i]);
                mv.visitInsn(Opcodes.AASTORE);
            }
        }
        mv.visitMethodInsn(
                Opcodes.INVOKEINTERFACE,
                "java/util/function/BiFunction",
                "apply",
                "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;",
                true);
        mv.visitLabel(end);
        mv.visitJumpInsn(Opcodes.GOTO, check);
        mv.visitLabel(handler);
        mv.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
        mv.visitInsn(Opcodes.POP);
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitLabel(check);
        mv.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Object"});
        mv.visitInsn(Opcodes.DUP);
        mv.visitTypeInsn(Opcodes.INSTANCEOF, "java/lang/RuntimeException");
        mv.visitJumpInsn(Opcodes.IFEQ, done);
        mv.visitTypeInsn(Opcodes.CHECKCAST, "java/lang/RuntimeException");
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitLabel(done);
        mv.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Object"});
        mv.visitInsn(Opcodes.POP);
        // keeps this frame apart from a frame the original code may have at its first instruction
        mv.visitInsn(Opcodes.NOP);
    }

    private static void push(MethodVisitor mv, String what) {
        if (what.equals("this")) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
        } else if (what.charAt(0) == 'i') {
            mv.visitVarInsn(Opcodes.ILOAD, Integer.parseInt(what.substring(1)));
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false);
        } else {
            mv.visitVarInsn(Opcodes.ALOAD, Integer.parseInt(what.substring(1)));
        }
    }

    /** The frame locals at method entry: {@code this} (unless static) and the parameters. */
    static Object[] locals(String owner, boolean isStatic, String desc) {
        List<Object> out = new ArrayList<>();
        if (!isStatic) {
            out.add(owner);
        }
        for (Type t : Type.getArgumentTypes(desc)) {
            switch (t.getSort()) {
                case Type.BOOLEAN:
                case Type.BYTE:
                case Type.CHAR:
                case Type.SHORT:
                case Type.INT:
                    out.add(Opcodes.INTEGER);
                    break;
                case Type.LONG:
                    out.add(Opcodes.LONG);
                    break;
                case Type.FLOAT:
                    out.add(Opcodes.FLOAT);
                    break;
                case Type.DOUBLE:
                    out.add(Opcodes.DOUBLE);
                    break;
                case Type.ARRAY:
                    out.add(t.getDescriptor());
                    break;
                default:
                    out.add(t.getInternalName());
            }
        }
        return out.toArray();
    }

    /** What one hooked method hands to the callback. */
    static final class Hook {
        final String kind;
        final String[] payload;

        Hook(String kind, String[] payload) {
            this.kind = kind;
            this.payload = payload;
        }
    }
}
