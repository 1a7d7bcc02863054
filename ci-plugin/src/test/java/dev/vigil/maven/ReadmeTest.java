package dev.vigil.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.archrules.SecurityRule;
import dev.vigil.archrules.SecurityRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The README's goal, parameter and rule tables are generated from the plugin descriptor and the rule metadata,
 * never retyped. Regenerate with {@code ./mvnw -pl ci-plugin -am test -Dtest=ReadmeTest -Dvigil.updateDocs=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ReadmeTest {
    static final Path README = Path.of("README.md");
    static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");

    @Test
    void generatedSectionsAreUpToDate() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String updated = replace(readme, "GOALS", goals());
        updated = replace(updated, "RULES", rules());
        if (Boolean.getBoolean("vigil.updateDocs")) {
            Files.writeString(README, updated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(readme)
                .as("ci-plugin/README.md is out of date: rerun with -Dvigil.updateDocs=true and review the diff")
                .isEqualTo(updated);
    }

    static String replace(String text, String section, String content) {
        String begin = "<!-- BEGIN GENERATED " + section + " -->\n";
        String end = "<!-- END GENERATED " + section + " -->";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        assertThat(b).as("marker " + begin.strip()).isNotNegative();
        assertThat(e).as("marker " + end).isGreaterThan(b);
        return text.substring(0, b + begin.length()) + content + text.substring(e);
    }

    static String goals() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(DESCRIPTOR.toFile());
        StringBuilder goals = new StringBuilder("| Goal | What it does |\n|---|---|\n");
        Map<String, String[]> parameters = new TreeMap<>();
        NodeList mojos = doc.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = text(mojo, "goal");
            goals.append("| `vigil:")
                    .append(goal)
                    .append("` | ")
                    .append(cell(text(mojo, "description")))
                    .append(" |\n");
            if (goal.equals("help")) {
                continue;
            }
            NodeList params = mojo.getElementsByTagName("parameter");
            Element configuration =
                    (Element) mojo.getElementsByTagName("configuration").item(0);
            for (int j = 0; j < params.getLength(); j++) {
                Element p = (Element) params.item(j);
                if (!"true".equals(text(p, "editable"))) {
                    continue;
                }
                String name = text(p, "name");
                String property = "";
                String defaultValue = "";
                if (configuration != null
                        && configuration.getElementsByTagName(name).getLength() > 0) {
                    Element c =
                            (Element) configuration.getElementsByTagName(name).item(0);
                    property = c.getTextContent().strip();
                    defaultValue = c.getAttribute("default-value");
                }
                parameters.put(name, new String[] {property, defaultValue, text(p, "description")});
            }
        }
        StringBuilder out = new StringBuilder(goals);
        out.append("\nEvery goal takes every parameter below (`vigil:help -Ddetail` prints them too).\n\n");
        out.append("| Parameter | Property | Default | Description |\n|---|---|---|---|\n");
        for (Map.Entry<String, String[]> e : parameters.entrySet()) {
            String[] v = e.getValue();
            String property = v[0].startsWith("${") ? v[0].substring(2, v[0].length() - 1) : v[0];
            out.append("| `")
                    .append(e.getKey())
                    .append("` | ")
                    .append(property.isEmpty() ? "" : "`" + property + "`")
                    .append(" | ")
                    .append(v[1].isEmpty() ? "" : "`" + v[1] + "`")
                    .append(" | ")
                    .append(cell(v[2]))
                    .append(" |\n");
        }
        return out.toString();
    }

    static String rules() {
        StringBuilder out = new StringBuilder(
                "| Id | Name | CWE | OWASP Top 10 | Security severity | Level | Precision | Default | Title |\n"
                        + "|---|---|---|---|---|---|---|---|---|\n");
        for (SecurityRule r : SecurityRules.all()) {
            out.append("| [").append(r.id()).append("](#").append(r.id().toLowerCase(java.util.Locale.ROOT));
            out.append(") | `")
                    .append(r.name())
                    .append("` | [")
                    .append(r.cweId())
                    .append("](")
                    .append(r.cweUri());
            out.append(") | ")
                    .append(r.owaspTop10().isEmpty() ? "" : r.owaspTop10().substring(0, 3))
                    .append(" | ")
                    .append(r.securitySeverityText())
                    .append(" | ")
                    .append(r.level().id());
            out.append(" | ").append(r.precision().name().toLowerCase(java.util.Locale.ROOT));
            out.append(" | ").append(r.enabledByDefault() ? "on" : "opt-in");
            out.append(" | ").append(cell(r.title())).append(" |\n");
        }
        for (SecurityRule r : SecurityRules.all()) {
            out.append("\n<a id=\"")
                    .append(r.id().toLowerCase(java.util.Locale.ROOT))
                    .append("\"></a>\n");
            out.append("### ").append(r.id()).append(" ").append(r.name()).append("\n\n");
            out.append(r.helpMarkdown()).append("\n");
        }
        return out.toString();
    }

    private static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().strip();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
