import java.lang.instrument.Instrumentation;

/**
 * Another agent, attached at run time after Vigil's {@code -javaagent}: retransforms {@code HttpServlet} and every
 * loaded class that directly implements a servlet {@code FilterChain}, as APM agents and profilers do. The JVM refuses
 * a retransformation that would change a class's shape, so Vigil must weave such a class the same way again.
 */
public final class Retransformer {
    public static void agentmain(String args, Instrumentation inst) {
        for (Class<?> c : inst.getAllLoadedClasses()) {
            String name = c.getName();
            boolean chain = false;
            for (Class<?> itf : c.getInterfaces()) {
                chain |= itf.getName().equals("jakarta.servlet.FilterChain")
                        || itf.getName().equals("javax.servlet.FilterChain");
            }
            boolean servlet =
                    name.equals("jakarta.servlet.http.HttpServlet") || name.equals("javax.servlet.http.HttpServlet");
            if ((servlet || chain) && inst.isModifiableClass(c)) {
                try {
                    inst.retransformClasses(c);
                    System.out.println("retransformed " + name + (chain ? " (FilterChain)" : ""));
                } catch (Throwable t) {
                    System.out.println("could not retransform " + name + ": " + t);
                }
            }
        }
    }
}
