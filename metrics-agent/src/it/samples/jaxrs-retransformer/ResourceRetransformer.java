import java.lang.instrument.Instrumentation;

/**
 * Another agent, attached at run time after Vigil's {@code -javaagent}: retransforms the loaded JAX-RS resource classes
 * of the samples ({@code Resources$...}), as APM agents and profilers do. The JVM refuses a retransformation that would
 * change a class's shape, so Vigil must weave such a class the same way again.
 */
public final class ResourceRetransformer {
    public static void agentmain(String args, Instrumentation inst) {
        for (Class<?> c : inst.getAllLoadedClasses()) {
            String name = c.getName();
            if (name.startsWith("Resources$") && !c.isInterface() && inst.isModifiableClass(c)) {
                try {
                    inst.retransformClasses(c);
                    System.out.println("retransformed " + name);
                } catch (Throwable t) {
                    System.out.println("could not retransform " + name + ": " + t);
                }
            }
        }
    }
}
