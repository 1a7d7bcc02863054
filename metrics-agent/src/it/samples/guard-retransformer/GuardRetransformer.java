import java.lang.instrument.Instrumentation;
import java.util.Set;

/**
 * Another agent, attached after Vigil's guard: retransforms the JDK classes the guard wove, as APM agents and
 * profilers do. The JVM refuses a retransformation that would change a class's shape, so the guard must weave them the
 * same way again.
 */
public final class GuardRetransformer {
    private static final Set<String> GUARDED = Set.of(
            "java.io.FileInputStream",
            "java.io.FileOutputStream",
            "java.io.RandomAccessFile",
            "java.io.ObjectInputStream",
            "java.lang.ProcessBuilder",
            "java.net.URLClassLoader",
            "javax.naming.InitialContext",
            "sun.nio.fs.UnixFileSystemProvider");

    public static void agentmain(String args, Instrumentation inst) {
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (GUARDED.contains(c.getName()) && inst.isModifiableClass(c)) {
                try {
                    inst.retransformClasses(c);
                    System.out.println("retransformed " + c.getName());
                } catch (Throwable t) {
                    System.out.println("could not retransform " + c.getName() + ": " + t);
                }
            }
        }
    }
}
