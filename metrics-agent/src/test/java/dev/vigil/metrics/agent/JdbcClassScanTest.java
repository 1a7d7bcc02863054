package dev.vigil.metrics.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/** Which classes the JDBC transformer weaves, on class files generated here. */
class JdbcClassScanTest {
    @Test
    void aDriverStatementDeclaringAJdbcExecuteMethodIsACandidate() {
        byte[] b = type(
                "x/MyStatement",
                "java/lang/Object",
                new String[] {"java/sql/PreparedStatement"},
                "executeUpdate",
                "()I");
        assertThat(JdbcClassScan.declared(b)).isEqualTo(JdbcClassScan.STATEMENT);
        assertThat(JdbcClassScan.kinds(null, "java/lang/Object", new String[] {"java/sql/PreparedStatement"}))
                .isEqualTo(JdbcClassScan.STATEMENT);
    }

    @Test
    void aConnectionDeclaringPrepareStatementIsACandidate() {
        byte[] b = type(
                "x/MyConnection",
                "java/lang/Object",
                new String[] {"java/sql/Connection"},
                "prepareStatement",
                "(Ljava/lang/String;)Ljava/sql/PreparedStatement;");
        assertThat(JdbcClassScan.declared(b)).isEqualTo(JdbcClassScan.CONNECTION);
    }

    @Test
    void executorsAndCallersOfExecuteQueryAreNot() {
        assertThat(JdbcClassScan.declared(
                        type("x/MyExecutor", "java/lang/Object", new String[0], "execute", "(Ljava/lang/Runnable;)V")))
                .isZero();
        assertThat(JdbcClassScan.declared(type("x/Dao", "java/lang/Object", new String[0], "find", "()V")))
                .isZero();
        assertThat(JdbcClassScan.declared(new byte[] {1, 2, 3})).isZero();
    }

    @Test
    void supertypesAreResolvedAsClassFilesThroughTheLoader() {
        byte[] base = type("x/Base", "java/lang/Object", new String[] {"x/MyStatementApi"}, "toString", "()V");
        byte[] api = iface("x/MyStatementApi", "java/sql/Statement");
        ClassLoader loader = new ClassLoader(null) {
            @Override
            public InputStream getResourceAsStream(String name) {
                Map<String, byte[]> files = Map.of("x/Base.class", base, "x/MyStatementApi.class", api);
                byte[] b = files.get(name);
                return b == null ? null : new ByteArrayInputStream(b);
            }
        };
        assertThat(JdbcClassScan.kinds(loader, "x/Base", new String[0])).isEqualTo(JdbcClassScan.STATEMENT);
        assertThat(JdbcClassScan.kinds(loader, "x/Missing", new String[] {"java/lang/Runnable"}))
                .isZero();
    }

    private static byte[] type(String name, String superName, String[] interfaces, String method, String desc) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, name, null, superName, interfaces);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, method, desc, null, null);
        mv.visitCode();
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static byte[] iface(String name, String superInterface) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(
                Opcodes.V17,
                Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE,
                name,
                null,
                "java/lang/Object",
                new String[] {superInterface});
        cw.visitEnd();
        return cw.toByteArray();
    }
}
