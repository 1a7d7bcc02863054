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
 * through a synthetic helper that swallows everything. Classes whose loader cannot see a JAX-RS API (asked once per
 * loader) are not looked at, so applications without JAX-RS pay nothing more per loaded class; otherwise a class is
 * checked for JAX-RS type names in its constant pool, and the class files of its non-library supertypes are read once
 * each.
 * Classes already loaded when the agent is attached at run time are not woven (the helper changes the class shape); a
 * class woven when it was loaded is woven the same way again when another agent retransforms it.
 */
final class JaxRsWeaver extends ClassVisitor {
    private static final String ROUTES = "dev/vigil/metrics/agent/JaxRsRoutes";
    private static final String HELPER = "vigil$jaxrs";
    private static final String HELPER_DESC = "(Ljava/lang/Object;Ljava/lang/String;)V";
    private static final Set<String> ANNOTATIONS = annotations();
    private static final byte[] JAKARTA_RS = "jakarta/ws/rs/".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    private static final byte[] JAVAX_RS = "javax/ws/rs/".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    /** Libraries (and JAX-RS implementations themselves): never resources, nor read as supertypes. */
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
        "javassist/",
        "com/google/",
        "io/micrometer/",
        "io/prometheus/",
        "io/opentelemetry/",
        "org/hibernate/",
        "ch/qos/",
        "org/slf4j/",
        "org/osgi/",
        "org/aopalliance/",
        "com/ibm/",
        "io/smallrye/",
        "org/jvnet/",
        "org/yaml/",
        "reactor/",
        "io/reactivex/",
        "org/reactivestreams/",
        "com/zaxxer/",
        "org/postgresql/",
        "com/mysql/",
        "org/mariadb/",
        "org/h2/",
        "org/hsqldb/",
        "org/xml/",
        "org/w3c/",
        "org/jspecify/",
        "org/checkerframework/",
        "org/HdrHistogram/",
        "org/LatencyUtils/",
        "io/undertow/",
        "org/xnio/",
        "org/wildfly/",
        "org/codehaus/",
        "org/junit/",
        "org/mockito/",
        "org/assertj/",
        "net/sf/",
        "org/bouncycastle/",
        "com/nimbusds/",
        "io/jsonwebtoken/",
        "org/json/",
        "org/jetbrains/",
        "io/vertx/",
        "io/grpc/",
        "com/squareup/",
        "okhttp3/",
        "okio/",
        "org/joda/",
        "org/antlr/"
    };
    /** Supertype name → JAX-RS annotated methods (name + descriptor) of it and its supertypes. */
    private static final Map<String, Set<String>> SUPER_METHODS = new ConcurrentHashMap<>();

    private static final Map<ClassLoader, Boolean> SEES_JAXRS = Collections.synchronizedMap(new WeakHashMap<>());
    /** Classes woven when they were loaded, by loader: a retransformation must weave them the same way again. */
    private static final Map<ClassLoader, Set<String>> WOVEN = Collections.synchronizedMap(new WeakHashMap<>());

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
        return weave(loader, className, bytes, new ClassReader(bytes));
    }

    /** As {@link #weave(ClassLoader, String, byte[])}, with the class header already read. */
    static byte[] weave(ClassLoader loader, String className, byte[] bytes, ClassReader reader) {
        try {
            // a class whose loader cannot see a JAX-RS API cannot be a running resource: nothing more to check
            if (loader == null
                    || !seesJaxRs(loader)
                    || skipped(className)
                    || generated(className)
                    || (loader == JaxRsWeaver.class.getClassLoader() && className.startsWith("dev/vigil/metrics/"))) {
                return null; // ... or the agent itself
            }
            boolean own = namesJaxRs(reader, bytes);
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
            WOVEN.computeIfAbsent(loader, l -> ConcurrentHashMap.newKeySet()).add(className);
            return writer.toByteArray();
        } catch (Throwable t) {
            AgentLog.warn("could not instrument " + className.replace('/', '.') + ": " + t);
            return null;
        }
    }

    /** {@link #SKIPPED} by first package segment (or first two for {@code com/}, {@code org/}, ...). */
    private static final Set<String> SKIPPED_ROOTS = Set.of(SKIPPED);

    /**
     * Whether this class was woven when it was loaded. Another agent retransforming it gets the same woven bytes from
     * Vigil again: the JVM refuses a retransformation that drops the helper method Vigil added.
     */
    static boolean wasWoven(ClassLoader loader, String className) {
        Set<String> woven = loader == null ? null : WOVEN.get(loader);
        return woven != null && woven.contains(className);
    }

    static boolean skipped(String internalName) {
        int first = internalName.indexOf('/');
        if (first < 0) {
            return false;
        }
        if (SKIPPED_ROOTS.contains(internalName.substring(0, first + 1))) {
            return true;
        }
        int second = internalName.indexOf('/', first + 1);
        return second > 0 && SKIPPED_ROOTS.contains(internalName.substring(0, second + 1));
    }

    /**
     * Proxies generated at run time (CGLIB, CDI/Weld, Byte Buddy, JDK proxies) are left alone: they delegate to the
     * real resource object, whose woven method reports itself; weaving both would count a sub-resource locator twice.
     */
    static boolean generated(String internalName) {
        return internalName.contains("$$") || internalName.contains("$Proxy") || internalName.contains("$ByteBuddy$");
    }

    /** Whether the loader sees {@code jakarta.ws.rs.Path} or {@code javax.ws.rs.Path}; asked once per loader. */
    private static boolean seesJaxRs(ClassLoader loader) {
        LastLoader last = lastLoader;
        if (last != null && last.loader.get() == loader) {
            return last.sees;
        }
        Boolean sees = SEES_JAXRS.get(loader);
        if (sees == null) {
            sees = loader.getResource("jakarta/ws/rs/Path.class") != null
                    || loader.getResource("javax/ws/rs/Path.class") != null;
            SEES_JAXRS.put(loader, sees);
        }
        lastLoader = new LastLoader(loader, sees);
        return sees;
    }

    /** The loader asked last (classes mostly come in runs from one loader): no map look-up for those. */
    private static final class LastLoader {
        final java.lang.ref.WeakReference<ClassLoader> loader;
        final boolean sees;

        LastLoader(ClassLoader loader, boolean sees) {
            this.loader = new java.lang.ref.WeakReference<>(loader);
            this.sees = sees;
        }
    }

    private static volatile LastLoader lastLoader;

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
                    if (namesJaxRs(reader, bytes)) {
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

    /**
     * Whether the constant pool holds a {@code jakarta.ws.rs} or {@code javax.ws.rs} type descriptor ({@code L...;},
     * as annotations are named): walks the pool's UTF-8 entries only, not the whole class file.
     */
    static boolean namesJaxRs(ClassReader reader, byte[] bytes) {
        for (int i = 1, n = reader.getItemCount(); i < n; i++) {
            int offset = reader.getItem(i);
            if (offset <= 0 || bytes[offset - 1] != 1) {
                continue; // not CONSTANT_Utf8 (or the second slot of a long / double)
            }
            int length = ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
            if (length > 14
                    && bytes[offset + 2] == 'L'
                    && (startsWith(bytes, offset + 3, JAKARTA_RS) || startsWith(bytes, offset + 3, JAVAX_RS))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        if (at + prefix.length > bytes.length) {
            return false;
        }
        for (int j = 0; j < prefix.length; j++) {
            if (bytes[at + j] != prefix[j]) {
                return false;
            }
        }
        return true;
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
