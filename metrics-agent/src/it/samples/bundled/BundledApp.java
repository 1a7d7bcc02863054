import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * An application that bundles its own (older) Micrometer and Byte Buddy, then runs the Tomcat 11 sample. It proves the
 * agent's relocated copies do not clash with the application's.
 */
public final class BundledApp {
    public static void main(String[] args) throws Exception {
        Object greeter = new ByteBuddy()
                .subclass(Object.class)
                .method(ElementMatchers.named("toString"))
                .intercept(FixedValue.value("hello from the app's own Byte Buddy"))
                .make()
                .load(BundledApp.class.getClassLoader())
                .getLoaded()
                .getDeclaredConstructor()
                .newInstance();
        System.out.println(greeter);
        Metrics.addRegistry(new SimpleMeterRegistry());
        new JvmMemoryMetrics().bindTo(Metrics.globalRegistry); // same names as the agent's: must not be duplicated
        Counter counter = Metrics.counter("app.own.counter", "kind", "tick");
        counter.increment();
        Thread ticker = new Thread(() -> {
            while (true) {
                counter.increment();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        ticker.setDaemon(true);
        ticker.start();
        System.out.println("app micrometer " + Metrics.class.getPackage().getImplementationVersion() + " count "
                + counter.count());
        SampleApp.main(args);
    }
}
