package dev.vigil.policy.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.config.ConfigException;
import dev.vigil.policy.config.ConfigFile;
import dev.vigil.policy.load.ManifestLoader;
import dev.vigil.testsupport.FuzzScaling;
import java.util.Arrays;
import java.util.Set;

/**
 * Time-scaling fuzz targets for the linter's parsers of untrusted text: a shape the fuzzer chooses (a {@link
 * FuzzScaling.Pump}: prefix, unit, middle, unit, suffix), grown ten times, costs at most {@link
 * FuzzScaling#MAX_RATIO} times the CPU time. The kind of defect they are for: a 20 MB scalar once took a minute to be
 * rejected because the YAML reader copied the pending token once per KiB. Manifests (YAML/JSON with positions, under
 * the default load limits), {@code .vigil.yaml}, and a custom rule's CEL expression (compiled at load, then evaluated
 * over a small workload). Stored inputs run in every build; {@code benchmarks/fuzz.sh} fuzzes.
 */
class ParserScalingFuzzTest {
    static {
        // one-time start-up (YAML reader, rule catalogue, CEL environment) is not a per-input cost
        try {
            PolicyEngine.create(ConfigFile.parse(rule("object.metadata.name == 'web'"), ".vigil.yaml", Set.of())
                            .builder()
                            .build())
                    .evaluate(FuzzWorkload.WORKLOAD)
                    .findings();
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first byte picks the parser; the rest is the pump. */
    @FuzzTest(maxDuration = "5m")
    void scaling(byte[] input) {
        if (input.length == 0) {
            return;
        }
        FuzzScaling.Pump pump = FuzzScaling.Pump.of(Arrays.copyOfRange(input, 1, input.length));
        if (pump == null) {
            return;
        }
        switch (Math.floorMod(input[0], 3)) {
            // 40,000 vs. 400,000 chars: a quadratic copy only shows at sizes like these (a YAML reader that copies
            // the pending token once per KiB, as snakeyaml-engine's default buffer did, costs ~40 copies here)
            case 0 ->
                FuzzScaling.linear("manifest", pump, 40_000, text -> new ManifestLoader().loadText(text, "in.yaml"));
            case 1 ->
                FuzzScaling.linear(
                        ".vigil.yaml",
                        pump,
                        2_000,
                        text -> ConfigFile.parse(text, ".vigil.yaml", Set.of())
                                .builder()
                                .build(),
                        ConfigException.class);
            default ->
                FuzzScaling.linear(
                        "custom rule CEL",
                        pump,
                        400,
                        text -> PolicyEngine.create(ConfigFile.parse(rule(text), ".vigil.yaml", Set.of())
                                        .builder()
                                        .build())
                                .evaluate(FuzzWorkload.WORKLOAD)
                                .findings(),
                        ConfigException.class);
        }
    }

    private static String rule(String cel) {
        return "customRules:\n- id: fuzzed-rule\n  severity: error\n  title: Fuzzed\n  kinds: [Deployment]\n  cel: "
                + quote(cel) + "\n  message: m\n";
    }

    /** A YAML double-quoted scalar holding {@code s} exactly. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                b.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0xfeff || (c >= 0xd800 && c < 0xe000)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('"').toString();
    }
}
