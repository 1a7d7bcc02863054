package dev.vigil.metrics.agent;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Load-time weaving with plain ASM (a few dozen classes instead of Byte Buddy's hundreds, so start-up stays cheap):
 * renames {@code HttpServlet#service(ServletRequest, ServletResponse)} to {@code vigil$service} and adds a new
 * {@code service} that times the call. Reads only through the servlet API inside the servlet class itself, and
 * every read sits in its own try/catch: nothing can throw into the application. Used for classes being loaded;
 * already loaded classes (runtime attach) go through Byte Buddy's {@code Advice}, which changes no class shape.
 */
final class ServletServiceWrapper extends ClassVisitor {
    private static final String RECORDER = "dev/vigil/metrics/agent/ServletRecorder";

    private final String ns;
    private final boolean jakarta;
    private final String serviceDesc;
    private final String method;
    private final String original;
    private String owner;
    private boolean wrapped;

    private ServletServiceWrapper(ClassVisitor next, boolean jakarta, String method) {
        super(Opcodes.ASM9, next);
        this.jakarta = jakarta;
        this.method = method;
        this.original = "vigil$" + method;
        this.ns = jakarta ? "jakarta/servlet/" : "javax/servlet/";
        this.serviceDesc = "(L" + ns + "ServletRequest;L" + ns + "ServletResponse;)V";
    }

    /**
     * The rewritten class, or null when it has no such method.
     *
     * @param method {@code service} (HttpServlet) or {@code doFilter} (a container's FilterChain, so that requests a
     *     filter answers itself, e.g. a 401 from an authentication filter, are measured too)
     */
    static byte[] wrap(byte[] bytes, boolean jakarta, String method) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        ServletServiceWrapper wrapper = new ServletServiceWrapper(writer, jakarta, method);
        reader.accept(wrapper, 0);
        return wrapper.wrapped ? writer.toByteArray() : null;
    }

    @Override
    public void visit(int version, int access, String name, String sig, String superName, String[] interfaces) {
        this.owner = name;
        super.visit(version, access, name, sig, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
        if (name.equals(method)
                && desc.equals(serviceDesc)
                && (access & Opcodes.ACC_PUBLIC) != 0
                && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_STATIC)) == 0) {
            wrapped = true;
            int renamed = (access & ~Opcodes.ACC_PUBLIC) | Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC;
            return super.visitMethod(renamed, original, desc, sig, exceptions);
        }
        return super.visitMethod(access, name, desc, sig, exceptions);
    }

    @Override
    public void visitEnd() {
        if (wrapped) {
            writeService();
            writeEnter();
            writeRecord();
            writeAsyncType();
            writeListen();
            writePrefix();
        }
        super.visitEnd();
    }

    private String req() {
        return ns + "ServletRequest";
    }

    private String res() {
        return ns + "ServletResponse";
    }

    /** {@code service}: start = enter(req); try { original } catch (Throwable t) { record(t); throw t; } record. */
    private void writeService() {
        MethodVisitor mv = cv.visitMethod(Opcodes.ACC_PUBLIC, method, serviceDesc, null, new String[] {
            ns + "ServletException", "java/io/IOException"
        });
        mv.visitCode();
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(tryStart, tryEnd, handler, "java/lang/Throwable");
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, "vigil$enter", "(L" + req() + ";)J", false);
        mv.visitVarInsn(Opcodes.LSTORE, 3);
        mv.visitLabel(tryStart);
        callOriginal(mv);
        mv.visitLabel(tryEnd);
        callRecord(mv, false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitLabel(handler);
        mv.visitFrame(Opcodes.F_NEW, 4, new Object[] {owner, req(), res(), Opcodes.LONG}, 1, new Object[] {
            "java/lang/Throwable"
        });
        mv.visitVarInsn(Opcodes.ASTORE, 5);
        callRecord(mv, true);
        mv.visitVarInsn(Opcodes.ALOAD, 5);
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private void callOriginal(MethodVisitor mv) {
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, original, serviceDesc, false);
    }

    private void callRecord(MethodVisitor mv, boolean thrown) {
        mv.visitVarInsn(Opcodes.LLOAD, 3);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        if (thrown) {
            mv.visitVarInsn(Opcodes.ALOAD, 5);
        } else {
            mv.visitInsn(Opcodes.ACONST_NULL);
        }
        mv.visitMethodInsn(
                Opcodes.INVOKESTATIC,
                owner,
                "vigil$record",
                "(JL" + req() + ";L" + res() + ";Ljava/lang/Throwable;)V",
                false);
    }

    /** {@code static long vigil$enter(req)}: 0 when already timed (forward, include, async) or on any error. */
    private void writeEnter() {
        MethodVisitor mv = cv.visitMethod(
                Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                "vigil$enter",
                "(L" + req() + ";)J",
                null,
                null);
        mv.visitCode();
        Label start = new Label();
        Label nested = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
        mv.visitLabel(start);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitLdcInsn(ServletRecorder.TIMED);
        mv.visitMethodInsn(
                Opcodes.INVOKEINTERFACE, req(), "getAttribute", "(Ljava/lang/String;)Ljava/lang/Object;", true);
        mv.visitJumpInsn(Opcodes.IFNONNULL, nested);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitLdcInsn(ServletRecorder.TIMED);
        mv.visitFieldInsn(Opcodes.GETSTATIC, "java/lang/Boolean", "TRUE", "Ljava/lang/Boolean;");
        mv.visitMethodInsn(
                Opcodes.INVOKEINTERFACE, req(), "setAttribute", "(Ljava/lang/String;Ljava/lang/Object;)V", true);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "start", "(Ljava/lang/Object;)J", false);
        mv.visitInsn(Opcodes.LRETURN);
        mv.visitLabel(nested);
        mv.visitFrame(Opcodes.F_NEW, 1, new Object[] {req()}, 0, new Object[0]);
        mv.visitInsn(Opcodes.LCONST_0);
        mv.visitInsn(Opcodes.LRETURN);
        mv.visitLabel(end);
        mv.visitLabel(handler);
        mv.visitFrame(Opcodes.F_NEW, 1, new Object[] {req()}, 1, new Object[] {"java/lang/Throwable"});
        mv.visitInsn(Opcodes.POP);
        mv.visitInsn(Opcodes.LCONST_0);
        mv.visitInsn(Opcodes.LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * {@code static void vigil$record(long start, req, res, Throwable thrown)}: reads method, Spring pattern, servlet
     * mapping (jakarta), URI, context path, status and the {@code traceparent} header, and hands plain values to
     * {@link ServletRecorder}.
     */
    private void writeRecord() {
        String hreq = ns + "http/HttpServletRequest";
        String hres = ns + "http/HttpServletResponse";
        MethodVisitor mv = cv.visitMethod(
                Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                "vigil$record",
                "(JL" + req() + ";L" + res() + ";Ljava/lang/Throwable;)V",
                null,
                null);
        mv.visitCode();
        Label start = new Label();
        Label done = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
        mv.visitLabel(start);
        mv.visitVarInsn(Opcodes.LLOAD, 0);
        mv.visitInsn(Opcodes.LCONST_0);
        mv.visitInsn(Opcodes.LCMP);
        mv.visitJumpInsn(Opcodes.IFEQ, done);
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        mv.visitTypeInsn(Opcodes.INSTANCEOF, hreq);
        mv.visitJumpInsn(Opcodes.IFEQ, done);
        mv.visitVarInsn(Opcodes.ALOAD, 3);
        mv.visitTypeInsn(Opcodes.INSTANCEOF, hres);
        mv.visitJumpInsn(Opcodes.IFEQ, done);
        // local 5: the servlet mapping (jakarta) or null
        if (jakarta) {
            mv.visitVarInsn(Opcodes.ALOAD, 2);
            mv.visitTypeInsn(Opcodes.CHECKCAST, hreq);
            mv.visitMethodInsn(
                    Opcodes.INVOKEINTERFACE,
                    hreq,
                    "getHttpServletMapping",
                    "()L" + ns + "http/HttpServletMapping;",
                    true);
        } else {
            mv.visitInsn(Opcodes.ACONST_NULL);
        }
        mv.visitVarInsn(Opcodes.ASTORE, 5);
        mv.visitVarInsn(Opcodes.LLOAD, 0);
        loadHttp(mv, hreq, "getMethod");
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        mv.visitLdcInsn(ServletRecorder.SPRING_PATTERN);
        mv.visitMethodInsn(
                Opcodes.INVOKEINTERFACE, req(), "getAttribute", "(Ljava/lang/String;)Ljava/lang/Object;", true);
        if (jakarta) {
            String mapping = ns + "http/HttpServletMapping";
            Label noMapping = new Label();
            Label haveMapping = new Label();
            mv.visitVarInsn(Opcodes.ALOAD, 5);
            mv.visitJumpInsn(Opcodes.IFNULL, noMapping);
            mv.visitVarInsn(Opcodes.ALOAD, 5);
            mv.visitTypeInsn(Opcodes.CHECKCAST, mapping);
            mv.visitMethodInsn(
                    Opcodes.INVOKEINTERFACE, mapping, "getMappingMatch", "()L" + ns + "http/MappingMatch;", true);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Enum", "name", "()Ljava/lang/String;", false);
            mv.visitVarInsn(Opcodes.ALOAD, 5);
            mv.visitTypeInsn(Opcodes.CHECKCAST, mapping);
            mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, mapping, "getPattern", "()Ljava/lang/String;", true);
            mv.visitJumpInsn(Opcodes.GOTO, haveMapping);
            mv.visitLabel(noMapping);
            Object[] locals = {Opcodes.LONG, req(), res(), "java/lang/Throwable", "java/lang/Object"};
            mv.visitFrame(
                    Opcodes.F_NEW, 5, locals, 3, new Object[] {Opcodes.LONG, "java/lang/String", "java/lang/Object"});
            mv.visitInsn(Opcodes.ACONST_NULL);
            mv.visitInsn(Opcodes.ACONST_NULL);
            mv.visitLabel(haveMapping);
            mv.visitFrame(Opcodes.F_NEW, 5, locals, 5, new Object[] {
                Opcodes.LONG, "java/lang/String", "java/lang/Object", "java/lang/String", "java/lang/String"
            });
        } else {
            mv.visitInsn(Opcodes.ACONST_NULL);
            mv.visitInsn(Opcodes.ACONST_NULL);
        }
        loadHttp(mv, hreq, "getRequestURI");
        loadHttp(mv, hreq, "getContextPath");
        mv.visitVarInsn(Opcodes.ALOAD, 3);
        mv.visitTypeInsn(Opcodes.CHECKCAST, hres);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, hres, "getStatus", "()I", true);
        mv.visitVarInsn(Opcodes.ALOAD, 4);
        // the exception a framework handled into an error reply: Spring MVC's attribute, the container's
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        mv.visitLdcInsn(Exceptions.SPRING_ERROR);
        mv.visitMethodInsn(
                Opcodes.INVOKEINTERFACE, req(), "getAttribute", "(Ljava/lang/String;)Ljava/lang/Object;", true);
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        mv.visitLdcInsn((jakarta ? "jakarta" : "javax") + ".servlet.error.exception");
        mv.visitMethodInsn(
                Opcodes.INVOKEINTERFACE, req(), "getAttribute", "(Ljava/lang/String;)Ljava/lang/Object;", true);
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        mv.visitTypeInsn(Opcodes.CHECKCAST, hreq);
        mv.visitLdcInsn("traceparent");
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, hreq, "getHeader", "(Ljava/lang/String;)Ljava/lang/String;", true);
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, "vigil$prefix", "(L" + req() + ";)Ljava/lang/String;", false);
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        mv.visitVarInsn(Opcodes.ALOAD, 4);
        mv.visitMethodInsn(
                Opcodes.INVOKESTATIC,
                owner,
                "vigil$asyncType",
                "(L" + req() + ";Ljava/lang/Throwable;)Ljava/lang/Class;",
                false);
        mv.visitVarInsn(Opcodes.ALOAD, 3);
        mv.visitMethodInsn(
                Opcodes.INVOKESTATIC,
                RECORDER,
                "record",
                "(JLjava/lang/String;Ljava/lang/Object;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;"
                        + "Ljava/lang/String;ILjava/lang/Throwable;Ljava/lang/Object;Ljava/lang/Object;"
                        + "Ljava/lang/String;Ljava/lang/String;Ljava/lang/Class;Ljava/lang/Object;)Ljava/lang/Object;",
                false);
        // an async request gets a listener that records it when the async cycle ends
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, "vigil$listen", "(Ljava/lang/Object;L" + req() + ";)V", false);
        mv.visitLabel(done);
        mv.visitFrame(
                Opcodes.F_NEW, 4, new Object[] {Opcodes.LONG, req(), res(), "java/lang/Throwable"}, 0, new Object[0]);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitLabel(end);
        mv.visitLabel(handler);
        mv.visitFrame(
                Opcodes.F_NEW, 4, new Object[] {Opcodes.LONG, req(), res(), "java/lang/Throwable"}, 1, new Object[] {
                    "java/lang/Throwable"
                });
        mv.visitInsn(Opcodes.POP);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * {@code static Class vigil$asyncType(req, Throwable thrown)}: the servlet API's {@code AsyncListener} interface
     * when the request went asynchronous (and nothing was thrown), else null; null on any error (Servlet 2.5).
     */
    private void writeAsyncType() {
        MethodVisitor mv = cv.visitMethod(
                Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                "vigil$asyncType",
                "(L" + req() + ";Ljava/lang/Throwable;)Ljava/lang/Class;",
                null,
                null);
        mv.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        Label none = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
        mv.visitLabel(start);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitJumpInsn(Opcodes.IFNONNULL, none);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, req(), "isAsyncStarted", "()Z", true);
        mv.visitJumpInsn(Opcodes.IFEQ, none);
        mv.visitLdcInsn(net.bytebuddy.jar.asm.Type.getObjectType(ns + "AsyncListener"));
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitLabel(end);
        Object[] locals = {req(), "java/lang/Throwable"};
        mv.visitLabel(handler);
        mv.visitFrame(Opcodes.F_NEW, 2, locals, 1, new Object[] {"java/lang/Throwable"});
        mv.visitInsn(Opcodes.POP);
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitLabel(none);
        mv.visitFrame(Opcodes.F_NEW, 2, locals, 0, new Object[0]);
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * {@code static void vigil$listen(Object listener, req)}: adds the recorder's listener to the request's
     * {@code AsyncContext}; when that fails, the recorder records the request now.
     */
    private void writeListen() {
        String listenerType = ns + "AsyncListener";
        String context = ns + "AsyncContext";
        MethodVisitor mv = cv.visitMethod(
                Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                "vigil$listen",
                "(Ljava/lang/Object;L" + req() + ";)V",
                null,
                null);
        mv.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        Label done = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitJumpInsn(Opcodes.IFNULL, done);
        mv.visitLabel(start);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, req(), "getAsyncContext", "()L" + context + ";", true);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitTypeInsn(Opcodes.CHECKCAST, listenerType);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, context, "addListener", "(L" + listenerType + ";)V", true);
        mv.visitLabel(end);
        mv.visitJumpInsn(Opcodes.GOTO, done);
        Object[] locals = {"java/lang/Object", req()};
        mv.visitLabel(handler);
        mv.visitFrame(Opcodes.F_NEW, 2, locals, 1, new Object[] {"java/lang/Throwable"});
        mv.visitInsn(Opcodes.POP);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "notListening", "(Ljava/lang/Object;)V", false);
        mv.visitLabel(done);
        mv.visitFrame(Opcodes.F_NEW, 2, locals, 0, new Object[0]);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * {@code static String vigil$prefix(req)}: when a JAX-RS resource method handled the request, the servlet path in
     * front of its route ({@link ServletRecorder#servletPrefix}); else (or on any error) null, reading nothing.
     */
    private void writePrefix() {
        String hreq = ns + "http/HttpServletRequest";
        MethodVisitor mv = cv.visitMethod(
                Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                "vigil$prefix",
                "(L" + req() + ";)Ljava/lang/String;",
                null,
                null);
        mv.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        Label none = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
        mv.visitLabel(start);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "routePending", "()Z", false);
        mv.visitJumpInsn(Opcodes.IFEQ, none);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitTypeInsn(Opcodes.CHECKCAST, hreq);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, hreq, "getServletPath", "()Ljava/lang/String;", true);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitTypeInsn(Opcodes.CHECKCAST, hreq);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, hreq, "getPathInfo", "()Ljava/lang/String;", true);
        mv.visitMethodInsn(
                Opcodes.INVOKESTATIC,
                RECORDER,
                "servletPrefix",
                "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
                false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitLabel(end);
        Object[] locals = {req()};
        mv.visitLabel(handler);
        mv.visitFrame(Opcodes.F_NEW, 1, locals, 1, new Object[] {"java/lang/Throwable"});
        mv.visitInsn(Opcodes.POP);
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitLabel(none);
        mv.visitFrame(Opcodes.F_NEW, 1, locals, 0, new Object[0]);
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void loadHttp(MethodVisitor mv, String hreq, String getter) {
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        mv.visitTypeInsn(Opcodes.CHECKCAST, hreq);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, hreq, getter, "()Ljava/lang/String;", true);
    }
}
