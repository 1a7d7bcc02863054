package dev.vigil.policy.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.policy.Finding;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.config.ConfigException;
import dev.vigil.policy.config.ConfigFile;
import dev.vigil.policy.load.ManifestLoader;
import dev.vigil.testsupport.FuzzScaling;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A CEL expression, which comes from untrusted manifests (ValidatingAdmissionPolicy, CRD validation rules) as well as
 * from custom rules, is rejected in time linear in its length. The shape is the fuzz finding
 * {@code parser-scaling-cel-bad-tokens}: {@code 1ig\uFFFDe + } repeated gives one syntax error per repetition, and
 * CEL's full error string copied the whole (one-line) expression into every error, so 40,000 chars took ~1 s of CPU
 * and a 300-million-char message to say the first error. Measured as in the fuzz targets ({@link FuzzScaling}: the
 * thread's CPU time, best of three interleaved runs, ten times the input at most fifteen times the time).
 */
class CelScalingTest {
    private static final String BAD = "1ig\uFFFDe + ";

    /** The repeated bad unit, then a valid tail, as the fuzzer found it. */
    private static final FuzzScaling.Pump BAD_TOKENS = new FuzzScaling.Pump("", BAD, "1 == 2", "", "");

    @Test
    void aCustomRuleOfManyBadTokensIsRejectedInLinearTimeWithItsFirstErrorOnOneLine() {
        FuzzScaling.linear(
                "custom rule CEL of bad tokens",
                BAD_TOKENS,
                4_000,
                text -> ConfigFile.parse(rule(text), ".vigil.yaml", Set.of()),
                ConfigException.class);
        assertThatThrownBy(() -> ConfigFile.parse(rule(BAD_TOKENS.grow(40_000)), ".vigil.yaml", Set.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        ".vigil.yaml:6: customRules[0].cel: does not compile: mismatched input 'ig'" + " expecting {")
                .hasMessageEndingWith("(at 1:2)")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anExpressionOfManyBadTokensIsRejectedInLinearTime() {
        FuzzScaling.linear(
                "CEL predicate of bad tokens",
                BAD_TOKENS,
                4_000,
                CelExpression::predicate,
                IllegalArgumentException.class);
        FuzzScaling.linear(
                "CRD rule of bad tokens", BAD_TOKENS, 4_000, CelExpression::crdRule, IllegalArgumentException.class);
    }

    @Test
    void aValidatingAdmissionPolicyOfManyBadTokensIsReportedInLinearTime() {
        PolicyEngine engine = PolicyEngine.create(
                PolicyConfig.builder().profiles(List.of("schema")).build());
        FuzzScaling.Pump policy = new FuzzScaling.Pump(
                "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n"
                        + "  name: p\nspec:\n  validations:\n    - expression: \"",
                BAD,
                "1 == 2\"\n",
                "",
                "");
        FuzzScaling.linear(
                "ValidatingAdmissionPolicy of bad tokens",
                policy,
                4_000,
                text -> engine.evaluate(
                        new ManifestLoader().loadText(text, "in.yaml").resources()));
        List<String> messages =
                engine
                        .evaluate(new ManifestLoader()
                                .loadText(policy.grow(40_000), "in.yaml")
                                .resources())
                        .findings()
                        .stream()
                        .map(Finding::message)
                        .filter(m -> m.contains("does not compile"))
                        .toList();
        assertThat(messages)
                .singleElement()
                .asString()
                .contains("mismatched input 'ig'")
                .doesNotContain("\n");
    }

    private static String rule(String cel) {
        return "customRules:\n- id: bad-tokens\n  severity: error\n  title: Bad tokens\n  kinds: [Deployment]\n  cel: "
                + '"' + cel + "\"\n  message: m\n"; // no quote or backslash in these expressions
    }
}
