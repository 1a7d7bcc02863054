package dev.vigil.metrics.agent.guard;

import java.util.List;
import java.util.Set;

/**
 * Classes that public deserialization exploit chains (ysoserial's and later ones) are built from, and the JDK value
 * types that are always fine to deserialize. A gadget class is reported when its class descriptor is read, before any
 * instance of it is made.
 */
final class Gadgets {
    private static final List<String> GADGET_PREFIXES = List.of(
            "org.apache.commons.collections.functors.",
            "org.apache.commons.collections4.functors.",
            "org.codehaus.groovy.runtime.ConvertedClosure",
            "org.codehaus.groovy.runtime.MethodClosure",
            "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl",
            "org.apache.xalan.xsltc.trax.TemplatesImpl",
            "com.sun.rowset.JdbcRowSetImpl",
            "com.mchange.v2.c3p0.",
            "bsh.XThis",
            "bsh.Interpreter",
            "org.python.core.PyFunction",
            "org.python.core.PyMethod",
            "clojure.core$comp",
            "clojure.main$eval_opt",
            "org.springframework.beans.factory.ObjectFactory",
            "org.springframework.core.SerializableTypeWrapper$",
            "org.springframework.aop.framework.JdkDynamicAopProxy",
            "org.apache.commons.beanutils.BeanComparator",
            "com.sun.syndication.feed.impl.ObjectBean",
            "com.rometools.rome.feed.impl.ObjectBean",
            "org.apache.commons.fileupload.disk.DiskFileItem",
            "org.apache.wicket.util.upload.DiskFileItem",
            "org.hibernate.engine.spi.TypedValue",
            "org.hibernate.tuple.component.AbstractComponentTuplizer",
            "net.sf.json.JSONObject",
            "com.vaadin.data.util.NestedMethodProperty",
            "org.jboss.interceptor.proxy.InterceptorMethodHandler",
            "javax.management.BadAttributeValueExpException",
            "sun.rmi.server.UnicastRef",
            "java.rmi.server.RemoteObjectInvocationHandler",
            "sun.reflect.annotation.AnnotationInvocationHandler");

    private static final Set<String> VALUE_TYPES = Set.of(
            "java.lang.String",
            "java.lang.Boolean",
            "java.lang.Byte",
            "java.lang.Character",
            "java.lang.Short",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Float",
            "java.lang.Double",
            "java.lang.Number",
            "java.lang.Enum",
            "java.lang.Object",
            "java.lang.StackTraceElement",
            "java.lang.Throwable",
            "java.lang.Exception",
            "java.lang.RuntimeException",
            "java.math.BigInteger",
            "java.math.BigDecimal",
            "java.net.URI",
            "java.util.UUID");

    private Gadgets() {}

    static boolean isGadget(String className) {
        for (String p : GADGET_PREFIXES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the class is a JDK value type, a collection, a date/time, or starts with one of {@code allowed}. */
    static boolean isAllowed(String className, List<String> allowed) {
        if (VALUE_TYPES.contains(className)
                || (className.startsWith("java.util.") && className.indexOf('.', 10) < 0)
                || className.startsWith("java.time.")) {
            return true;
        }
        for (String p : allowed) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
