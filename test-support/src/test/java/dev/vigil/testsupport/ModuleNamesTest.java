package dev.vigil.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every published jar of the reactor declares its module name ({@code Automatic-Module-Name} in its POM's jar
 * manifest), and the name is the one the naming scheme in CONTRIBUTING.md gives it. The exceptions are listed
 * there too, with their reasons.
 */
class ModuleNamesTest {
    /** Module directory → the module name it declares (CONTRIBUTING.md, "Modules and names"). */
    static final Map<String, String> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("config-support", "dev.vigil.config"),
            Map.entry("test-support", "dev.vigil.testsupport"),
            Map.entry("jwt-filter", "dev.vigil.jwt"),
            Map.entry("metrics", "dev.vigil.metrics"),
            Map.entry("metrics-agent", "dev.vigil.metrics.agent"),
            Map.entry("policy-linter/engine", "dev.vigil.policy"),
            Map.entry("policy-linter/cli", "dev.vigil.lint.cli"),
            Map.entry("policy-linter/schema-gen", "dev.vigil.kubeschemas"),
            Map.entry("admission-webhook", "dev.vigil.webhook"),
            Map.entry("vuln-scanner/engine", "dev.vigil.vuln"),
            Map.entry("vuln-scanner/cli", "dev.vigil.vuln.cli"),
            Map.entry("ci-plugin/rules", "dev.vigil.archrules"),
            Map.entry("ci-plugin/cli", "dev.vigil.code.cli")));

    /** Not (yet) declaring a module name, each for a reason given in CONTRIBUTING.md. */
    static final List<String> EXCEPTIONS = List.of(
            "ci-plugin", // a Maven plugin: Maven loads it in its own class realm, never from a module path
            "examples/demo-service",
            "examples/spring-boot-3",
            "examples/spring-boot-4"); // examples, not published

    private static final Pattern NAME = Pattern.compile("<Automatic-Module-Name>([^<]+)</Automatic-Module-Name>");
    private static final Pattern PACKAGING = Pattern.compile("<packaging>([^<]+)</packaging>");

    @Test
    void everyPublishedJarDeclaresTheModuleNameOfTheScheme() throws IOException {
        Path root = Requirements.repositoryRoot();
        Map<String, String> declared = new TreeMap<>();
        List<String> undeclared = new ArrayList<>();
        try (Stream<Path> poms = Files.walk(root, 3)) {
            for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
                    .filter(p -> !p.equals(root.resolve("pom.xml")))
                    .filter(p -> !root.relativize(p).startsWith("benchmarks"))
                    .filter(p -> !p.toString().contains("/src/"))
                    .toList()) {
                String text = Files.readString(pom);
                Matcher packaging = PACKAGING.matcher(text);
                if (packaging.find() && packaging.group(1).equals("pom")) {
                    continue;
                }
                String dir = root.relativize(pom.getParent()).toString();
                Matcher name = NAME.matcher(text);
                if (name.find()) {
                    declared.put(dir, name.group(1));
                } else if (!EXCEPTIONS.contains(dir)) {
                    undeclared.add(dir);
                }
            }
        }
        assertTrue(undeclared.isEmpty(), "jars without Automatic-Module-Name: " + undeclared);
        assertEquals(EXPECTED, declared);
    }
}
