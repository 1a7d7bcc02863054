package dev.vigil.archrules;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Vigil on the labelled corpus, as a user would run it once: one JVM, import the corpus classes, run the rule for
 * each of the 11 weakness classes, write {@code case,category,found} lines. Prints its own CPU time.
 *
 * <p>Usage: {@code CorpusBenchmark CLASSES_DIR OUT.csv}
 */
public final class CorpusBenchmark {
    public static void main(String[] args) throws IOException {
        long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        Map<String, SecurityRule> rules = new LinkedHashMap<>();
        rules.put("cmdi", SecurityRules.COMMAND_INJECTION);
        rules.put("sqli", SecurityRules.SQL_INJECTION);
        rules.put("ldapi", SecurityRules.LDAP_INJECTION);
        rules.put("pathtraver", SecurityRules.PATH_TRAVERSAL);
        rules.put("xpathi", SecurityRules.XPATH_INJECTION);
        rules.put("xss", SecurityRules.CROSS_SITE_SCRIPTING);
        rules.put("trustbound", SecurityRules.TRUST_BOUNDARY_VIOLATION);
        rules.put("hash", SecurityRules.WEAK_HASH_ALGORITHM);
        rules.put("crypto", SecurityRules.WEAK_CIPHER);
        rules.put("securecookie", SecurityRules.COOKIE_WITHOUT_SECURE);
        rules.put("weakrand", SecurityRules.PREDICTABLE_RANDOM_IN_SECURITY_CODE);
        JavaClasses classes = new ClassFileImporter().importPath(Path.of(args[0]));
        StringBuilder out = new StringBuilder("case,category,found\n");
        for (Map.Entry<String, SecurityRule> e : rules.entrySet()) {
            Set<String> flagged = new TreeSet<>();
            for (Violation v : e.getValue().violations(classes)) {
                flagged.add(v.topLevelClassName());
            }
            for (String c : flagged) {
                out.append(c).append(',').append(e.getKey()).append(",true\n");
            }
        }
        Files.writeString(Path.of(args[1]), out.toString(), StandardCharsets.UTF_8);
        System.err.printf("vigil: %d classes, main thread %.2f s CPU, %.2f s wall%n", classes.size(),
                (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9,
                (System.nanoTime() - wall0) / 1e9);
    }
}
