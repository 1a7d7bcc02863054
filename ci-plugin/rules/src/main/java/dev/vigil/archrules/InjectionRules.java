package dev.vigil.archrules;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.domain.JavaMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Untrusted data reaching interpreters: deserialisers, shells, SQL, XML parsers (CWE-502, 78, 89, 611). */
final class InjectionRules {
    private static final String JSON_TYPE_INFO = "com.fasterxml.jackson.annotation.JsonTypeInfo";
    private static final Set<String> SQL_STATEMENT_METHODS =
            Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");
    private static final Set<String> SQL_CONNECTION_METHODS = Set.of("prepareStatement", "prepareCall", "nativeSQL");
    private static final Set<String> JPA_QUERY_METHODS = Set.of("createNativeQuery", "createQuery");
    private static final List<String> XML_FACTORIES = List.of(
            "javax.xml.parsers.DocumentBuilderFactory",
            "javax.xml.parsers.SAXParserFactory",
            "javax.xml.stream.XMLInputFactory",
            "javax.xml.transform.TransformerFactory",
            "javax.xml.validation.SchemaFactory");
    private static final Set<String> XML_FACTORY_METHODS =
            Set.of("newInstance", "newDefaultInstance", "newFactory", "newDefaultFactory");
    private static final Set<String> XML_HARDENING =
            Set.of("setFeature", "setAttribute", "setProperty", "setExpandEntityReferences", "setXIncludeAware");

    private InjectionRules() {}

    static SecurityRule nativeDeserialization() {
        return SecurityRule.builder("VIGIL-ARCH-009", "java-native-deserialization")
                .title("No Java native deserialisation")
                .cwe(502)
                .securitySeverity(9.8)
                .description("ObjectInputStream.readObject, XMLDecoder and SerializationUtils.deserialize "
                        + "instantiate whatever classes the bytes name; with a gadget chain on the classpath, "
                        + "reading attacker-controlled bytes runs attacker-chosen code.")
                .remediation("Exchange data as JSON or Protocol Buffers with explicit types; if native "
                        + "serialisation cannot go yet, set an ObjectInputFilter allow-list (jdk.serialFilter).")
                .check((c, findings) -> {
                    for (JavaAccess<?> a :
                            Code.accessesTo(c, "java.io.ObjectInputStream", Set.of("readObject", "readUnshared"))) {
                        boolean customHook = a.getOrigin().getName().equals("readObject")
                                && a.getOrigin().getRawParameterTypes().size() == 1;
                        if (!customHook) {
                            report(findings, a, " deserialises arbitrary classes");
                        }
                    }
                    for (JavaAccess<?> a : Code.accessesTo(c, "java.beans.XMLDecoder", Set.of("<init>"))) {
                        report(findings, a, " deserialises arbitrary classes");
                    }
                    for (JavaAccess<?> a :
                            Code.accessesTo(c, "org.apache.commons.lang3.SerializationUtils", Set.of("deserialize"))) {
                        report(findings, a, " deserialises arbitrary classes");
                    }
                });
    }

    static SecurityRule jacksonDefaultTyping() {
        return SecurityRule.builder("VIGIL-ARCH-010", "jackson-unsafe-default-typing")
                .title("No Jackson default typing with an allow-all validator")
                .cwe(502)
                .securitySeverity(9.8)
                .description("ObjectMapper.enableDefaultTyping and activateDefaultTyping with "
                        + "LaissezFaireSubTypeValidator let JSON input name the class to instantiate; known gadget "
                        + "classes turn that into remote code execution.")
                .remediation("Remove default typing; for polymorphic types use @JsonTypeInfo(use = Id.NAME) with "
                        + "@JsonSubTypes, or a BasicPolymorphicTypeValidator that allows only your packages.")
                .check((c, findings) -> {
                    for (JavaAccess<?> a : Code.accessesTo(
                            c,
                            "com.fasterxml.jackson.databind.ObjectMapper",
                            Set.of("enableDefaultTyping", "enableDefaultTypingAsProperty"))) {
                        report(findings, a, " lets JSON input choose the classes to instantiate");
                    }
                    for (JavaAccess<?> a : Code.accessesToPackages(
                            c, List.of("com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator"))) {
                        report(findings, a, " allows every class in polymorphic JSON");
                    }
                });
    }

    static SecurityRule jacksonClassTypeInfo() {
        return SecurityRule.builder("VIGIL-ARCH-011", "jackson-class-type-info")
                .title("No @JsonTypeInfo(use = CLASS) on polymorphic types")
                .cwe(502)
                .securitySeverity(8.1)
                .heuristic()
                .description("@JsonTypeInfo(use = Id.CLASS or MINIMAL_CLASS) reads a class name from the JSON. "
                        + "With a broad base type (Object, Serializable, an interface that gadgets implement) that "
                        + "is remote code execution; with a narrow one it is merely fragile.")
                .remediation("Use @JsonTypeInfo(use = Id.NAME) with an explicit @JsonSubTypes list.")
                .check((c, findings) -> {
                    List<JavaMember> annotated = new ArrayList<>(c.getFields());
                    annotated.addAll(c.getMethods());
                    if (classTypeInfo(c.tryGetAnnotationOfType(JSON_TYPE_INFO).orElse(null))) {
                        findings.report(
                                "",
                                0,
                                "@JsonTypeInfo(use = CLASS) on class",
                                Code.simple(c.getName()) + " reads class names from JSON (@JsonTypeInfo use = CLASS)");
                    }
                    for (JavaMember m : annotated) {
                        if (classTypeInfo(
                                m.tryGetAnnotationOfType(JSON_TYPE_INFO).orElse(null))) {
                            findings.report(
                                    m.getName(),
                                    0,
                                    "@JsonTypeInfo(use = CLASS) on " + m.getName(),
                                    Code.simple(c.getName()) + "." + m.getName()
                                            + " reads class names from JSON (@JsonTypeInfo use = CLASS)");
                        }
                    }
                });
    }

    private static boolean classTypeInfo(JavaAnnotation<?> annotation) {
        if (annotation == null) {
            return false;
        }
        Object use = annotation.get("use").orElse(null);
        return use instanceof JavaEnumConstant e
                && (e.name().equals("CLASS") || e.name().equals("MINIMAL_CLASS"));
    }

    static SecurityRule processExecution(Conventions conventions) {
        return SecurityRule.builder("VIGIL-ARCH-012", "process-execution-outside-adapter")
                .title("Operating-system processes are started only in adapter packages")
                .cwe(78)
                .policy()
                .securitySeverity(8.8)
                .description("Runtime.exec and ProcessBuilder run programs with the service's rights; arguments "
                        + "built from requests become command injection. Confining process execution to adapters ("
                        + String.join(", ", conventions.processPackages())
                        + ") keeps it reviewable and its arguments validated in one place.")
                .remediation("Move the call into an adapter that takes typed arguments and passes them as a list "
                        + "(never through a shell), or configure vigil.arch.processPackages.")
                .check((c, findings) -> {
                    if (Code.inPackages(c, conventions.processPackages())) {
                        return;
                    }
                    for (JavaAccess<?> a : Code.accessesTo(c, "java.lang.Runtime", Set.of("exec"))) {
                        report(findings, a, " starts a process outside an adapter package");
                    }
                    for (JavaAccess<?> a : Code.accessesTo(c, "java.lang.ProcessBuilder", Set.of("<init>", "start"))) {
                        report(findings, a, " starts a process outside an adapter package");
                    }
                });
    }

    static SecurityRule sqlOutsidePersistence(Conventions conventions) {
        return SecurityRule.builder("VIGIL-ARCH-013", "sql-outside-persistence")
                .title("SQL strings are written only in persistence packages")
                .cwe(89)
                .policy()
                .securitySeverity(8.8)
                .description("JDBC Statement/Connection and JPA native queries take SQL as a string. Outside the "
                        + "persistence layer ("
                        + String.join(", ", conventions.persistencePackages())
                        + ") such strings tend to be built from request data.")
                .remediation("Move the query into a repository in a persistence package and use bind parameters.")
                .check((c, findings) -> {
                    if (Code.inPackages(c, conventions.persistencePackages())) {
                        return;
                    }
                    for (JavaAccess<?> a : sqlAccesses(c)) {
                        report(findings, a, " runs SQL outside the persistence packages");
                    }
                });
    }

    static SecurityRule sqlConcatenation() {
        return SecurityRule.builder("VIGIL-ARCH-014", "sql-string-concatenation")
                .title("SQL is not built by string concatenation")
                .cwe(89)
                .policy()
                .securitySeverity(9.8)
                .description("A query built with + or StringBuilder and passed straight to executeQuery, "
                        + "prepareStatement, createNativeQuery or JdbcTemplate is the textbook SQL injection.")
                .remediation("Use a constant SQL string with ? (or :name) parameters and bind the values.")
                .check((c, findings) -> {
                    for (Bytecode.Call call : Bytecode.of(c).calls) {
                        boolean sink = SQL_STATEMENT_METHODS.contains(call.name())
                                        && call.owner().startsWith("java.sql.")
                                || SQL_CONNECTION_METHODS.contains(call.name())
                                        && call.owner().equals("java.sql.Connection")
                                || JPA_QUERY_METHODS.contains(call.name())
                                        && call.owner().endsWith(".EntityManager")
                                || call.owner().equals("org.springframework.jdbc.core.JdbcTemplate");
                        if (sink && call.concatenatedArg()) {
                            String what = Code.simple(call.owner()) + "." + call.name();
                            findings.report(
                                    call.method(), call.line(), what, what + " runs SQL built by string concatenation");
                        }
                    }
                });
    }

    private static List<JavaAccess<?>> sqlAccesses(JavaClass c) {
        List<JavaAccess<?>> out = new ArrayList<>();
        out.addAll(Code.accessesTo(c, "java.sql.Statement", SQL_STATEMENT_METHODS));
        out.addAll(Code.accessesTo(c, "java.sql.Connection", SQL_CONNECTION_METHODS));
        out.addAll(Code.accessesTo(c, "jakarta.persistence.EntityManager", JPA_QUERY_METHODS));
        out.addAll(Code.accessesTo(c, "javax.persistence.EntityManager", JPA_QUERY_METHODS));
        return out;
    }

    static SecurityRule xmlParser() {
        return SecurityRule.builder("VIGIL-ARCH-015", "xml-parser-not-hardened")
                .title("XML parser factories are hardened against external entities")
                .cwe(611)
                .securitySeverity(7.5)
                .description("The JDK's DocumentBuilderFactory, SAXParserFactory, XMLInputFactory, "
                        + "TransformerFactory and SchemaFactory resolve external entities and DTDs by default: "
                        + "XML input can read local files (XXE) and reach internal hosts (SSRF). A class that "
                        + "creates a factory must also configure it.")
                .remediation("Right after creating the factory, disallow DOCTYPEs: "
                        + "factory.setFeature(\"http://apache.org/xml/features/disallow-doctype-decl\", true) "
                        + "(XMLInputFactory: setProperty(XMLInputFactory.SUPPORT_DTD, false)).")
                .check((c, findings) -> {
                    for (String factory : XML_FACTORIES) {
                        List<JavaAccess<?>> created = Code.accessesTo(c, factory, XML_FACTORY_METHODS);
                        if (!created.isEmpty()
                                && Code.accessesTo(c, factory, XML_HARDENING).isEmpty()) {
                            for (JavaAccess<?> a : created) {
                                report(findings, a, " is never hardened against external entities in this class");
                            }
                        }
                    }
                });
    }

    private static void report(Findings findings, JavaAccess<?> a, String problem) {
        String target = Code.target(a);
        findings.report(Code.member(a), a.getLineNumber(), target, target + problem);
    }
}
