package dev.vigil.archrules;

import dev.vigil.archrules.flow.CodeFlow;
import dev.vigil.archrules.flow.SinkKind;
import dev.vigil.archrules.flow.Step;
import java.util.List;

/**
 * Injection rules on the data-flow engine: request data (servlet request methods, Spring MVC and JAX-RS handler
 * parameters) reaching a sink without a sanitiser on the way, through locals, strings, collections, fields and the
 * application's own methods (CWE-78, 89, 90, 22, 643, 79, 501).
 */
final class FlowRules {
    private static final String ENGINE = " The engine follows the data through locals, arrays, strings and builders, "
            + "collections (by constant key), fields, and the application's own methods, lambdas and inner classes; "
            + "branches fixed at compile time are pruned.";

    private FlowRules() {}

    static SecurityRule commandInjection() {
        return flow(
                SecurityRule.builder("VIGIL-ARCH-026", "command-injection")
                        .title("Request data does not reach an operating-system command")
                        .cwe(78)
                        .securitySeverity(9.8)
                        .description(
                                "Request data in the arguments of Runtime.exec or ProcessBuilder lets a client run "
                                        + "commands of its choice (through a shell) or change the program's behaviour (through "
                                        + "options and environment variables)." + ENGINE)
                        .remediation("Pass a fixed program and map request values to an allow-list of arguments; never "
                                + "build a shell command line from request data."),
                SinkKind.COMMAND);
    }

    static SecurityRule sqlInjection() {
        return flow(
                SecurityRule.builder("VIGIL-ARCH-027", "sql-injection")
                        .title("Request data does not reach SQL or JPQL text")
                        .cwe(89)
                        .securitySeverity(9.8)
                        .description("Request data concatenated into the text of a JDBC statement, a JdbcTemplate "
                                + "call or a JPA/Hibernate query lets a client read and change any data the service "
                                + "can. Bound parameters and numbers parsed from the request are safe." + ENGINE)
                        .remediation("Use a constant query with ? (or :name) parameters and bind the request values "
                                + "(PreparedStatement.setString, JdbcTemplate arguments, Query.setParameter)."),
                SinkKind.SQL);
    }

    static SecurityRule ldapInjection() {
        return flow(
                SecurityRule.builder("VIGIL-ARCH-028", "ldap-injection")
                        .title("Request data does not reach an LDAP name or search filter")
                        .cwe(90)
                        .securitySeverity(8.1)
                        .description("Request data in an LDAP search filter or base name lets a client widen the "
                                + "search (*)(uid=*) or read other entries. Filter arguments ({0} with an Object[]) "
                                + "and LDAP encoders are safe." + ENGINE)
                        .remediation("Use a filter with {0} placeholders and pass the values as filter arguments, or "
                                + "encode them (ESAPI encodeForLDAP, Spring LdapEncoder.filterEncode)."),
                SinkKind.LDAP);
    }

    static SecurityRule pathTraversal() {
        return flow(
                SecurityRule.builder("VIGIL-ARCH-029", "path-traversal")
                        .title("Request data does not choose a file path")
                        .cwe(22)
                        .securitySeverity(7.5)
                        .description("Request data in a path that is opened, written, listed or deleted lets a client "
                                + "reach any file the service can (../../etc/passwd). A path normalised and then "
                                + "checked with startsWith, or reduced to its file name, is safe." + ENGINE)
                        .remediation("Resolve the name against a base directory, normalise it and check that the "
                                + "result still startsWith the base; or keep only Path.getFileName()."),
                SinkKind.PATH);
    }

    static SecurityRule xpathInjection() {
        return flow(
                SecurityRule.builder("VIGIL-ARCH-030", "xpath-injection")
                        .title("Request data does not reach an XPath expression")
                        .cwe(643)
                        .securitySeverity(7.5)
                        .description("Request data concatenated into an XPath expression lets a client select other "
                                + "nodes ('] | //*[' ) of the document." + ENGINE)
                        .remediation("Use a constant expression with $variables and an XPathVariableResolver, or "
                                + "encode the value (ESAPI encodeForXPath)."),
                SinkKind.XPATH);
    }

    static SecurityRule crossSiteScripting() {
        return flow(
                SecurityRule.builder("VIGIL-ARCH-031", "cross-site-scripting")
                        .title("Request data is HTML-encoded before it is written to the response")
                        .cwe(79)
                        .securitySeverity(6.1)
                        .description("Request data written to the servlet response's writer or stream runs as script "
                                + "in the victim's browser. OWASP Encoder, ESAPI, Spring HtmlUtils and commons-text "
                                + "escapers, and numbers parsed from the request, are safe." + ENGINE)
                        .remediation("Encode for the output context: Encode.forHtml(value) (or HtmlUtils.htmlEscape), "
                                + "or render through a template engine that escapes by default."),
                SinkKind.XSS);
    }

    static SecurityRule trustBoundary() {
        return flow(
                SecurityRule.builder("VIGIL-ARCH-032", "trust-boundary-violation")
                        .title("Request data is validated before it is stored in the session")
                        .cwe(501)
                        .securitySeverity(5.3)
                        .description("Session attributes are trusted by the rest of the application; a name or value "
                                + "taken straight from the request mixes untrusted data into that trusted state."
                                + ENGINE)
                        .remediation("Validate the value (parse it to a number, match it against an allow-list) "
                                + "before storing it, and use constant attribute names."),
                SinkKind.TRUST_BOUNDARY);
    }

    private static SecurityRule flow(SecurityRule.Builder builder, SinkKind kind) {
        return builder.check((c, findings) -> {
            for (CodeFlow.Finding f : CodeFlow.of(c).findings()) {
                if (f.kind() == kind) {
                    report(findings, f);
                }
            }
        });
    }

    static void report(Findings findings, CodeFlow.Finding f) {
        List<Step> path = f.path();
        Step source = path.get(0);
        String detail = f.sink() + " from " + f.source();
        String message = capitalise(f.kind().title()) + ": " + f.source()
                + (source.line() > 0 ? " (line " + source.line() + ")" : "") + " reaches " + f.sink()
                + (path.size() > 2 ? " through " + (path.size() - 2) + " step(s)" : "");
        findings.report(f.method(), f.line(), detail, message, path);
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
