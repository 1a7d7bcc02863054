package dev.vigil.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.jwt.internal.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Issue 12, defect 12: the README's reason codes and {@code typ} default say what the code sends and logs. */
class ReadmeAgreesWithCodeTest {
    private static final Pattern CODE = Pattern.compile("`([a-z_]+)`");

    private static String readme() throws Exception {
        return Files.readString(Path.of("README.md"));
    }

    @Test
    void reasonCodeListNamesEveryDetailTheFilterSendsForARejectedToken() throws Exception {
        String text = readme();
        int start = text.indexOf("Reason codes: ");
        assertThat(start).as("README has a 'Reason codes: ' paragraph").isNotNegative();
        String paragraph = text.substring(start, text.indexOf("\n\n", start));
        paragraph =
                paragraph.substring(0, paragraph.indexOf(".\n") < 0 ? paragraph.length() : paragraph.indexOf(".\n"));
        Set<String> listed = new LinkedHashSet<>();
        Matcher m = CODE.matcher(paragraph);
        while (m.find()) {
            listed.add(m.group(1));
        }
        Set<String> sent =
                Arrays.stream(Reason.values()).map(Reason::code).collect(Collectors.toCollection(LinkedHashSet::new));
        sent.add("missing_token"); // BearerErrors.missingToken's detail
        assertThat(listed).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void algorithmsDefaultIsListedAsTheStartUpLogPrintsIt() throws Exception {
        JwtFilterConfig defaults = JwtFilterConfig.builder()
                .audience("a")
                .trust(TrustedIssuer.discovery("https://idp.example.com"))
                .build();
        assertThat(defaults.toString()).contains("\n  vigil.jwt.algorithms=RS256,PS256,ES256,EdDSA\n");
        assertThat(readme()).contains("| `vigil.jwt.algorithms` | `RS256,PS256,ES256,EdDSA` |");
    }

    @Test
    void typesDefaultIsSpelledAsTheStartUpLogPrintsIt() throws Exception {
        JwtFilterConfig defaults = JwtFilterConfig.fromProperties(java.util.Map.of(
                "vigil.jwt.audience", "orders-api",
                "vigil.jwt.trust.1.issuer", "https://idp.example.com",
                "vigil.jwt.trust.1.discovery", "true"));
        assertThat(defaults.toString()).contains("\n  vigil.jwt.types=jwt,none\n");
        assertThat(readme()).contains("| `vigil.jwt.types` | `jwt,none` |");
        assertThat(JwtFilterConfig.builder()
                        .audience("a")
                        .trust(TrustedIssuer.discovery("https://idp.example.com"))
                        .build()
                        .toString())
                .contains("\n  vigil.jwt.types=jwt,none\n");
    }
}
