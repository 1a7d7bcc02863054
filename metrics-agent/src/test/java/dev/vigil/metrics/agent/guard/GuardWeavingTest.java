package dev.vigil.metrics.agent.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.metrics.MetricsConfig;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The code woven at a guarded method's entry reaches the callback and blocks before the method body runs: through the
 * dynamic constant in a class file of Java 11 or later, through the reflective look-up in an older one.
 */
class GuardWeavingTest {
    private static final Map<String, GuardInstrumentation.Hook> OPEN = Map.of(
            "open(Ljava/lang/String;)Ljava/lang/String;",
            new GuardInstrumentation.Hook("file.read", new String[] {"a1"}));

    private final List<String> lines = new ArrayList<>();

    /** Stands in for a guarded JDK method: returns what it "opened". */
    public static final class Opener {
        public String open(String path) {
            return "opened " + path;
        }
    }

    @AfterEach
    void off() {
        GuardCallback.use(null);
    }

    @ParameterizedTest
    @ValueSource(ints = {61, 52})
    void theWovenHookBlocksASensitiveFileBeforeTheBodyAndLetsAnOrdinaryOneThrough(int classVersion) throws Exception {
        byte[] original = withVersion(bytes(Opener.class), classVersion);
        byte[] woven = GuardInstrumentation.weave(original, OPEN);
        assertThat(latin1(woven).contains("vigilGuardCallback"))
                .as("the callback as a dynamic constant only where the class file version allows it")
                .isEqualTo(classVersion >= 55);
        Class<?> c = define(Opener.class.getName(), woven);
        Object opener = c.getConstructor().newInstance();
        Method open = c.getMethod("open", String.class);
        GuardCallback.use(new Guard(
                MetricsConfig.parse("guard=block", Map.of(), Map.of()),
                new GuardCounters(),
                lines::add,
                new SensitivePaths("/home/app", "/srv/app")));

        for (int call = 0; call < 3; call++) { // the first call resolves the constant, the later ones use it
            assertThat(open.invoke(opener, "/etc/hostname")).isEqualTo("opened /etc/hostname");
            assertThatThrownBy(() -> open.invoke(opener, "/etc/shadow"))
                    .isInstanceOf(InvocationTargetException.class)
                    .cause()
                    .isInstanceOf(SecurityException.class)
                    .hasMessage("blocked by the Vigil runtime guard, rule sensitive-file-read");
        }
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l).contains("\"fd.name\":\"/etc/shadow\""));
    }

    @Test
    void theDynamicConstantIsTheCallbackItself() throws Exception {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "probe/Callback", null, "java/lang/Object", null);
        MethodVisitor mv =
                w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "get", "()Ljava/lang/Object;", null, null);
        mv.visitCode();
        mv.visitLdcInsn(GuardInstrumentation.CALLBACK_CONSTANT);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        w.visitEnd();

        Method get = define("probe.Callback", w.toByteArray()).getMethod("get");

        assertThat(get.invoke(null)).isSameAs(GuardCallback.INSTANCE);
        assertThat(get.invoke(null)).isSameAs(GuardCallback.INSTANCE);
    }

    private static Class<?> define(String name, byte[] bytes) throws Exception {
        return new ClassLoader(GuardWeavingTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
                if (n.equals(name)) {
                    synchronized (getClassLoadingLock(n)) {
                        Class<?> c = findLoadedClass(n);
                        return c != null ? c : defineClass(n, bytes, 0, bytes.length);
                    }
                }
                return super.loadClass(n, resolve);
            }
        }.loadClass(name);
    }

    private static byte[] withVersion(byte[] classFile, int major) {
        byte[] b = classFile.clone();
        b[6] = (byte) (major >> 8);
        b[7] = (byte) major;
        return b;
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(Class<?> c) throws Exception {
        try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
