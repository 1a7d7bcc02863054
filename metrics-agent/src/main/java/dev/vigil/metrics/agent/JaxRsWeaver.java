package dev.vigil.metrics.agent;

import java.io.InputStream;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Load-time weaving of JAX-RS resource classes ({@code jakarta.ws.rs} and {@code javax.ws.rs}) with plain ASM. A
 * public instance method is woven when it carries {@code @Path} or an HTTP method annotation ({@code @GET}, ...), or
 * overrides / implements such a method of a superclass or interface (read from the class files, because a class is
 * transformed before its supertypes are loaded). At entry it calls {@link JaxRsRoutes#invoked(Object, String)}
 * through a synthetic helper that swallows everything. Classes whose loader cannot see a JAX-RS API are only
 * checked for the annotation names in their own bytes, so applications without JAX-RS pay a byte scan per class.
 * Classes already loaded when the agent is attached at run time are not woven (the helper changes the class shape).
 */
final class JaxRsWeaver extends ClassVisitor {
    private static final String ROUTES = "dev/vigil/metrics/agent/JaxRsRoutes";
    private static final String HELPER = "vigil$jaxrs";
    private static final String HELPER_DESC = "(Ljava/lang/Object;Ljava/lang/String;)V";
    private static final Set<String> ANNOTATIONS = annotations();
    private static final byte[] MARKER = "/ws/rs/".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    private static final String[] SKIPPED = {
        "java/",
        "javax/",
        "jakarta/",
        "jdk/",
        "sun/",
        "com/sun/",
        "kotlin/",
        "scala/",
        "groovy/",
        "org/glassfish/",
        "org/jboss/",
        "org/apache/",
        "org/eclipse/",
        "org/springframework/",
        "com/fasterxml/",
        "io/netty/",
        "net/bytebuddy/",
        "org/objectweb/",
        "dev/vigil/metrics/"
    };
    /** Supertype name → JAX-RS annotated methods (name + descriptor) of it and its supertypes. */
    private static final Map<String, Set<String>> SUPER_METHODS = new ConcurrentHashMap<>();

    private static final Map<ClassLoader, Boolean> SEES_JAXRS = Collections.synchronizedMap(new WeakHashMap<>());

    private final Set<String> inherited;
    private String owner;
    private boolean skip;
    private boolean woven;

    private JaxRsWeaver(ClassVisitor next, Set<String> inherited) {
        super(Opcodes.ASM9, next);
        this.inherited = inherited;
    }

    private static Set<String> annotations() {
        Set<String> out = new HashSet<>();
        for (String ns : new String[] {"jakarta/ws/rs/", "javax/ws/rs/"}) {
            for (String a : new String[] {"Path", "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"}) {
                out.add("L" + ns + a + ";");
            }
        }
        return Set.copyOf(out);
    }

    /** The woven class, or null when it has no JAX-RS resource method. Never throws. */
    static byte[] weave(ClassLoader loader, String className, byte[] bytes) {
        try {
            if (loader == null || skipped(className)) {
                return null;
            }
            boolean own = contains(bytes, MARKER);
            if (!own && !seesJaxRs(loader)) {
                return null;
            }
            ClassReader reader = new ClassReader(bytes);
            if ((reader.getAccess() & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ANNOTATION)) != 0) {
                return null;
            }
            Set<String> inherited = new HashSet<>();
            String superName = reader.getSuperName();
            if (superName != null && !skipped(superName)) {
                inherited.addAll(superMethods(loader, superName, 0));
            }
            for (String itf : reader.getInterfaces()) {
                if (!skipped(itf)) {
                    inherited.addAll(superMethods(loader, itf, 0));
                }
            }
            Set<String> methods = inherited;
            if (own) {
                // a cheap pass first: bytes naming jakarta.ws.rs / javax.ws.rs (e.g. a JAX-RS client) are not enough
                Set<String> annotated = new HashSet<>();
                reader.accept(new AnnotatedMethods(annotated), ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
                annotated.addAll(inherited);
                methods = annotated;
            }
            if (methods.isEmpty()) {
                return null;
            }
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            JaxRsWeaver weaver = new JaxRsWeaver(writer, methods);
            reader.accept(weaver, 0);
            if (!weaver.woven) {
                return null;
            }
            if (Boolean.getBoolean("vigil.metrics.debug")) {
                AgentLog.info("instrumented JAX-RS resource " + className.replace('/', '.'));
            }
            return writer.toByteArray();
        } catch (Throwable t) {
            AgentLog.warn("could not instrument " + className.replace('/', '.') + ": " + t);
            return null;
        }
    }

    static boolean skipped(String internalName) {
        for (String prefix : SKIPPED) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean seesJaxRs(ClassLoader loader) {
        Boolean sees = SEES_JAXRS.get(loader);
        if (sees == null) {
            sees = loader.getResource("jakarta/ws/rs/Path.class") != null
                    || loader.getResource("javax/ws/rs/Path.class") != null;
            SEES_JAXRS.put(loader, sees);
        }
        return sees;
    }

    /** JAX-RS annotated methods of a supertype and its own supertypes, read from class files once per name. */
    private static Set<String> superMethods(ClassLoader loader, String type, int depth) {
        Set<String> known = SUPER_METHODS.get(type);
        if (known != null) {
            return known;
        }
        Set<String> out = new HashSet<>();
        if (depth < 16) {
            try (InputStream in = loader.getResourceAsStream(type + ".class")) {
                if (in != null) {
                    byte[] bytes = in.readAllBytes();
                    ClassReader reader = new ClassReader(bytes);
                    if (contains(bytes, MARKER)) {
                        reader.accept(new AnnotatedMethods(out), ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
                    }
                    String superName = reader.getSuperName();
                    if (superName != null && !skipped(superName)) {
                        out.addAll(superMethods(loader, superName, depth + 1));
                    }
                    for (String itf : reader.getInterfaces()) {
                        if (!skipped(itf)) {
                            out.addAll(superMethods(loader, itf, depth + 1));
                        }
                    }
                }
            } catch (Throwable ignored) {
                // unreadable: nothing inherited
            }
        }
        Set<String> result = out.isEmpty() ? Set.of() : Set.copyOf(out);
        SUPER_METHODS.put(type, result);
        return result;
    }

    static boolean contains(byte[] bytes, byte[] marker) {
        byte first = marker[0];
        outer:
        for (int i = 0, end = bytes.length - marker.length; i <= end; i++) {
            if (bytes[i] != first) {
                continue;
            }
            for (int j = 1; j < marker.length; j++) {
                if (bytes[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Collects the names + descriptors of JAX-RS annotated methods of a class file. */
    private static final class AnnotatedMethods extends ClassVisitor {
        private final Set<String> out;

        AnnotatedMethods(Set<String> out) {
            super(Opcodes.ASM9);
            this.out = out;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
            if ((access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC)) != 0) {
                return null;
            }
            String key = name + desc;
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                    if (ANNOTATIONS.contains(descriptor)) {
                        out.add(key);
                    }
                    return null;
                }
            };
        }
    }

    @Override
    public void visit(int version, int access, String name, String sig, String superName, String[] interfaces) {
        owner = name;
        skip = (version & 0xFFFF) < Opcodes.V1_6; // no stack map frames before Java 6
        super.visit(version, access, name, sig, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, desc, sig, exceptions);
        if (skip
                || mv == null
                || (access & Opcodes.ACC_PUBLIC) == 0
                || (access
                                & (Opcodes.ACC_STATIC
                                        | Opcodes.ACC_ABSTRACT
                                        | Opcodes.ACC_NATIVE
                                        | Opcodes.ACC_SYNTHETIC
                                        | Opcodes.ACC_BRIDGE))
                        != 0
                || name.charAt(0) == '<') {
            return mv;
        }
        String key = name + desc;
        return new MethodVisitor(Opcodes.ASM9, mv) {
            private boolean annotated = inherited.contains(key);

            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                if (ANNOTATIONS.contains(descriptor)) {
                    annotated = true;
                }
                return super.visitAnnotation(descriptor, visible);
            }

            @Override
            public void visitCode() {
                super.visitCode();
                if (annotated) {
                    woven = true;
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    super.visitLdcInsn(key);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, owner, HELPER, HELPER_DESC, false);
                }
            }
        };
    }

    @Override
    public void visitEnd() {
        if (woven) {
            // private static void vigil$jaxrs(Object self, String key) { try { JaxRsRoutes.invoked(self, key); }
            // catch (Throwable t) {} }
            MethodVisitor mv = cv.visitMethod(
                    Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, HELPER, HELPER_DESC, null, null);
            mv.visitCode();
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            Label done = new Label();
            mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
            mv.visitLabel(start);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, ROUTES, "invoked", HELPER_DESC, false);
            mv.visitLabel(end);
            mv.visitJumpInsn(Opcodes.GOTO, done);
            mv.visitLabel(handler);
            Object[] locals = {"java/lang/Object", "java/lang/String"};
            mv.visitFrame(Opcodes.F_NEW, 2, locals, 1, new Object[] {"java/lang/Throwable"});
            mv.visitInsn(Opcodes.POP);
            mv.visitLabel(done);
            mv.visitFrame(Opcodes.F_NEW, 2, locals, 0, new Object[0]);
            mv.visitInsn(Opcodes.RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        super.visitEnd();
    }
}
