package dev.vigil.metrics.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The woven bytes of real resource classes: they load and verify, and the woven methods report the route. The classes
 * are defined again from their woven bytes in a child class loader (the JAX-RS API comes from the test class path).
 */
class JaxRsWeaverTest {
    @AfterEach
    void clear() {
        JaxRsRoutes.clear();
    }

    @Test
    void wovenResourceMethodsReportTheirRouteAtEntry() throws Exception {
        Class<?> orders = new WovenLoader().loadClass(JaxRsRoutesTest.Orders.class.getName());
        Object resource = orders.getConstructor().newInstance();

        assertThat(orders.getMethod("get", long.class).invoke(resource, 5L)).isEqualTo("order");
        assertThat(JaxRsRoutes.take()).isEqualTo("/orders/{id}");
        orders.getMethod("helper").invoke(resource);
        assertThat(JaxRsRoutes.take())
                .as("a method without JAX-RS annotations is not woven")
                .isNull();
    }

    @Test
    void implementationsOfAnnotatedInterfacesAreWoven() throws Exception {
        WovenLoader loader = new WovenLoader();
        Class<?> impl = loader.loadClass(JaxRsRoutesTest.CustomersImpl.class.getName());
        Object resource = impl.getConstructor().newInstance();

        Method get = impl.getMethod("get", String.class);
        assertThat(get.invoke(resource, "alice")).isEqualTo("alice");
        assertThat(JaxRsRoutes.take()).isEqualTo("/customers/{name}");
        assertThat(loader.woven).contains(JaxRsRoutesTest.CustomersImpl.class.getName());
    }

    @Test
    void leavesOtherClassesAndGeneratedProxiesAlone() throws Exception {
        byte[] plain = bytes(JaxRsWeaverTest.class);
        assertThat(JaxRsWeaver.weave(getClass().getClassLoader(), internal(JaxRsWeaverTest.class), plain))
                .isNull();
        byte[] orders = bytes(JaxRsRoutesTest.Orders.class);
        assertThat(JaxRsWeaver.weave(getClass().getClassLoader(), "com/example/Orders$$SpringCGLIB$$0", orders))
                .isNull();
        assertThat(JaxRsWeaver.weave(getClass().getClassLoader(), "org/glassfish/jersey/Orders", orders))
                .isNull();
        assertThat(JaxRsWeaver.weave(null, internal(JaxRsRoutesTest.Orders.class), orders))
                .as("boot class loader")
                .isNull();
    }

    private static String internal(Class<?> c) {
        return c.getName().replace('.', '/');
    }

    private static byte[] bytes(Class<?> c) throws Exception {
        try (InputStream in = c.getClassLoader().getResourceAsStream(internal(c) + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Defines the test's resource classes itself, from their woven bytes; everything else comes from the parent. */
    private static final class WovenLoader extends ClassLoader {
        final java.util.List<String> woven = new java.util.ArrayList<>();

        WovenLoader() {
            super(JaxRsWeaverTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(JaxRsRoutesTest.class.getName() + "$")
                    || name.endsWith("$Customers")
                    || name.endsWith("$Lines")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c != null) {
                    return c;
                }
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    byte[] b = in.readAllBytes();
                    byte[] w = JaxRsWeaver.weave(this, name.replace('.', '/'), b);
                    if (w != null) {
                        woven.add(name);
                        b = w;
                    }
                    return defineClass(name, b, 0, b.length);
                } catch (java.io.IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }
}
